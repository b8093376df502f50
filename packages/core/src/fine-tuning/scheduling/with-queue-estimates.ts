import type { FineTuneJob } from "@infera/contracts";
import { and, asc, desc, eq, inArray, isNotNull, sql, tables } from "@infera/db";
import { FINE_TUNE_LIMIT_DEFAULTS, type ServiceContext } from "../../shared/context.js";

/** Finished jobs whose durations estimate a queued job's wait. */
const DURATION_SAMPLE = 20;

/**
 * Fills `queue_position` and `eta_seconds` of the queued jobs among `jobs` (others keep null): the
 * position counts the queued jobs of the whole installation ahead in the scheduler's order (they
 * share its capacity), the ETA is a rough guide — the rounds of `maxConcurrent` jobs ahead times the
 * median duration of the last jobs that succeeded (null until one has). A few queries for the page.
 */
export async function withQueueEstimates<T extends FineTuneJob>(
  ctx: ServiceContext,
  jobs: T[],
): Promise<T[]> {
  const queued = jobs.filter((job) => job.status === "queued");
  if (!queued.length) return jobs;
  const position = await queuePositions(
    ctx,
    queued.map((q) => q.id),
  );
  const median = await medianDurationSeconds(ctx);
  const slots = Math.max(1, (ctx.settings.fineTuning ?? FINE_TUNE_LIMIT_DEFAULTS).maxConcurrent);
  return jobs.map((job) => {
    const p = position.get(job.id);
    if (p === undefined) return job;
    return {
      ...job,
      queue_position: p,
      eta_seconds: median === null ? null : Math.ceil(p / slots) * median,
    };
  });
}

/**
 * Each of these queued jobs' place in the scheduler's order (priority desc, queued_at, id), 1-based.
 * Two index scans whatever the queue's length, instead of numbering the whole queue: a count of the
 * jobs ahead of the earliest of them, then a walk of the stretch from it to the latest, numbered on
 * (a page of the list is usually one short stretch of the queue). Jobs no longer queued are left out.
 */
async function queuePositions(ctx: ServiceContext, ids: string[]): Promise<Map<string, number>> {
  const j = tables.fineTuneJobs;
  const page = await ctx.db
    .select({ id: j.id, priority: j.priority, queuedAt: j.queuedAt })
    .from(j)
    .where(and(eq(j.status, "queued"), inArray(j.id, ids)));
  if (!page.length) return new Map();
  const before = (a: (typeof page)[number], b: (typeof page)[number]) =>
    a.priority !== b.priority
      ? b.priority - a.priority
      : +(a.queuedAt ?? 0) - +(b.queuedAt ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  page.sort(before);
  const first = page[0]!;
  const last = page.at(-1)!;
  // "q comes before job" in the scheduler's order, as SQL.
  const ahead = (job: typeof first) =>
    sql`(${j.priority} > ${job.priority} or (${j.priority} = ${job.priority} and (${j.queuedAt}, ${j.id}) < (${job.queuedAt}, ${job.id})))`;
  const [counted] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(j)
    .where(and(eq(j.status, "queued"), ahead(first)));
  const stretch = await ctx.db
    .select({ id: j.id })
    .from(j)
    .where(
      and(eq(j.status, "queued"), sql`not ${ahead(first)}`, sql`(${j.id} = ${last.id} or ${ahead(last)})`),
    )
    .orderBy(desc(j.priority), asc(j.queuedAt), asc(j.id));
  const wanted = new Set(ids);
  const positions = new Map<string, number>();
  let at = Number(counted?.n ?? 0);
  for (const row of stretch) {
    at++;
    if (wanted.has(row.id)) positions.set(row.id, at);
  }
  return positions;
}

async function medianDurationSeconds(ctx: ServiceContext): Promise<number | null> {
  const j = tables.fineTuneJobs;
  const rows = await ctx.db
    .select({ startedAt: j.startedAt, finishedAt: j.finishedAt })
    .from(j)
    .where(and(eq(j.status, "succeeded"), isNotNull(j.startedAt), isNotNull(j.finishedAt)))
    .orderBy(desc(j.finishedAt))
    .limit(DURATION_SAMPLE);
  const seconds = rows
    .map((r) => (+r.finishedAt! - +r.startedAt!) / 1000)
    .filter((s) => s > 0)
    .sort((a, b) => a - b);
  return seconds.length ? Math.round(seconds[Math.floor(seconds.length / 2)]!) : null;
}
