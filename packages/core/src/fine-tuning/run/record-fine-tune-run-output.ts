import type { FineTuneJobProgress, FineTuneJobStatus } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { withTransaction } from "../../shared/transaction.js";
import { appendJobEvents, type NewJobEvent } from "../events/append-job-events.js";

export interface RunOutputAnswer {
  /** The job's status now: `canceling` tells the worker to stop the run. */
  status: FineTuneJobStatus | null;
  /**
   * False when this attempt no longer owns the job (it finished, was canceled before it started,
   * or a newer attempt took over): nothing was written and the run should stop.
   */
  current: boolean;
}

/**
 * Appends what a run reported (protocol events, stderr lines) to its job's log and keeps the job's
 * progress up to date; called by the worker in batches, and with no events as a cheap poll of the
 * job's status. Writes only while this attempt owns a running (or canceling) job: a worker cut off
 * from its job by a takeover never writes into the new attempt's log.
 */
export async function recordFineTuneRunOutput({
  ctx,
  jobId,
  attempt,
  events,
}: {
  ctx: ServiceContext;
  jobId: string;
  attempt: number;
  events: readonly NewJobEvent[];
}): Promise<RunOutputAnswer> {
  const j = tables.fineTuneJobs;
  if (!events.length) {
    const [job] = await ctx.db
      .select({ status: j.status, attempt: j.attempt })
      .from(j)
      .where(eq(j.id, jobId));
    return { status: job?.status ?? null, current: isCurrent(job, attempt) };
  }
  return withTransaction(ctx, async (tx) => {
    // FOR SHARE: a cancel or a finish (FOR UPDATE) waits for these events, and they see its status.
    const [job] = await tx.db.select().from(j).where(eq(j.id, jobId)).for("share");
    if (!isCurrent(job, attempt)) return { status: job?.status ?? null, current: false };
    await appendJobEvents(tx, jobId, attempt, events);
    const progress = progressAfter(job!.progress as FineTuneJobProgress | null, events);
    if (progress) await tx.db.update(j).set({ progress, updatedAt: tx.now() }).where(eq(j.id, jobId));
    return { status: job!.status, current: true };
  });
}

function isCurrent(
  job: { status: FineTuneJobStatus; attempt: number } | undefined,
  attempt: number,
): boolean {
  return !!job && job.attempt === attempt && (job.status === "running" || job.status === "canceling");
}

/** The job's progress after these events: the last progress report, with the last loss seen. */
function progressAfter(
  before: FineTuneJobProgress | null,
  events: readonly NewJobEvent[],
): FineTuneJobProgress | null {
  let progress = before;
  let changed = false;
  for (const e of events) {
    if (e.type === "progress") {
      const d = e.data as Record<string, number | null | undefined>;
      progress = {
        step: Number(d.step ?? 0),
        total_steps: Number(d.total_steps ?? 0),
        epoch: Number(d.epoch ?? 0),
        eta_seconds: typeof d.eta_seconds === "number" ? d.eta_seconds : null,
        ...(typeof d.percentage === "number" ? { percentage: d.percentage } : {}),
        ...(progress?.loss !== undefined ? { loss: progress.loss } : {}),
      };
      changed = true;
    } else if (e.type === "metrics" && typeof e.data.loss === "number") {
      progress = {
        ...(progress ?? { step: Number(e.data.step ?? 0), total_steps: 0, epoch: 0, eta_seconds: null }),
        loss: e.data.loss,
      };
      changed = true;
    }
  }
  return changed ? progress : null;
}
