import type { FineTuneJob } from "@infera/contracts";
import { and, desc, eq, isNotNull, sql, tables } from "@infera/db";
import { FINE_TUNE_LIMIT_DEFAULTS, type ServiceContext } from "../../shared/context.js";

/** Finished jobs whose durations estimate a queued job's wait. */
const DURATION_SAMPLE = 20;

/**
 * Fills `queue_position` and `eta_seconds` of the queued jobs among `jobs` (others keep null): the
 * position counts the queued jobs of the whole installation ahead in the scheduler's order (they
 * share its capacity), the ETA is a rough guide — the rounds of `maxConcurrent` jobs ahead times the
 * median duration of the last jobs that succeeded (null until one has). One query for the page.
 */
export async function withQueueEstimates<T extends FineTuneJob>(
  ctx: ServiceContext,
  jobs: T[],
): Promise<T[]> {
  const queued = jobs.filter((job) => job.status === "queued");
  if (!queued.length) return jobs;
  // One walk of the queue in the scheduler's order (its index), numbering every queued job once,
  // rather than a count per job of the page: the page's positions come out of the same walk.
  const ids = queued.map((q) => q.id);
  const ranked = await ctx.db.execute(sql`
    select id, pos from (
      select id, row_number() over (order by priority desc, queued_at, id) as pos
      from fine_tune_jobs where status = 'queued'
    ) r
    where id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`);
  const rows = (Array.isArray(ranked) ? ranked : (ranked as { rows: unknown[] }).rows) as {
    id: string;
    pos: number | string;
  }[];
  const position = new Map(rows.map((r) => [r.id, Number(r.pos)]));
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
