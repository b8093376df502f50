import type { FineTuneJob } from "@infera/contracts";
import { and, desc, eq, inArray, isNotNull, sql, tables } from "@infera/db";
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
  const j = tables.fineTuneJobs;
  const ahead = await ctx.db
    .select({
      id: j.id,
      // Spelled out with the table's name: a bare column here would be the subquery's own.
      ahead: sql<number>`(select count(*)::int from fine_tune_jobs q
        where q.status = 'queued'
          and (q.priority > fine_tune_jobs.priority
            or (q.priority = fine_tune_jobs.priority
              and (q.queued_at, q.id) < (fine_tune_jobs.queued_at, fine_tune_jobs.id))))`,
    })
    .from(j)
    .where(
      inArray(
        j.id,
        queued.map((q) => q.id),
      ),
    );
  const position = new Map(ahead.map((a) => [a.id, Number(a.ahead) + 1]));
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
