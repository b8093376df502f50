import type { FineTuneJobStatus } from "@infera/contracts";
import { and, eq, sql, tables } from "@infera/db";
import { conflict, notFound } from "../shared/errors.js";
import type { TxContext } from "../shared/transaction.js";
import { appendJobEvents } from "./events/append-job-events.js";
import type { JobRow } from "./job-access.js";
import { notifyJobWebhooks } from "./job-webhooks.js";

/**
 * Every move a job may make. queued → starting → running → succeeded | failed | canceled, with
 * canceling while a running job stops (it checkpoints first). A job whose node is lost goes back to
 * queued (a new attempt resumes from its checkpoint); retry moves failed and canceled jobs back to
 * queued. Anything else is refused with `conflict` (409).
 */
export const JOB_TRANSITIONS: Readonly<Record<FineTuneJobStatus, readonly FineTuneJobStatus[]>> = {
  queued: ["starting", "canceled", "failed"],
  starting: ["running", "queued", "canceling", "canceled", "failed"],
  running: ["succeeded", "failed", "canceling", "queued"],
  canceling: ["canceled", "failed", "succeeded"],
  succeeded: [],
  failed: ["queued"],
  canceled: ["queued"],
};

export const isFinished = (s: FineTuneJobStatus) => s === "succeeded" || s === "failed" || s === "canceled";

export function canTransition(from: FineTuneJobStatus, to: FineTuneJobStatus): boolean {
  return JOB_TRANSITIONS[from].includes(to);
}

function illegal(from: FineTuneJobStatus, to: FineTuneJobStatus) {
  const allowed = JOB_TRANSITIONS[from];
  return conflict(
    `a ${from} job cannot become ${to}${allowed.length ? ` (it can become ${allowed.join(", ")})` : ""}`,
    { status: from, to, allowed },
  );
}

/** The next number of a job's timeline; the caller holds the job's row lock, so numbers never collide. */
async function nextSeq(tx: TxContext, jobId: string): Promise<number> {
  const t = tables.fineTuneJobTransitions;
  const [row] = await tx.db
    .select({ seq: sql<number>`coalesce(max(${t.seq}), 0)::int` })
    .from(t)
    .where(eq(t.jobId, jobId));
  return Number(row?.seq ?? 0) + 1;
}

/** Records a timeline entry (a job's creation has no `from`). */
export async function recordTransition(
  tx: TxContext,
  input: {
    jobId: string;
    from: FineTuneJobStatus | null;
    to: FineTuneJobStatus;
    reason: string;
    actorId: string | null;
    /** The job row's own time stamp of the change, so the two agree. */
    at: Date;
  },
): Promise<void> {
  await tx.db.insert(tables.fineTuneJobTransitions).values({
    jobId: input.jobId,
    seq: await nextSeq(tx, input.jobId),
    fromStatus: input.from,
    toStatus: input.to,
    reason: input.reason,
    actorId: input.actorId,
    at: input.at,
  });
}

export type JobChanges = Partial<
  Pick<
    JobRow,
    | "attempt"
    | "failureReason"
    | "failureMessage"
    | "failureSuggestion"
    | "resultModelVersionId"
    | "outputModelId"
    | "finalMetrics"
    | "startedAt"
    | "finishedAt"
    | "nodeId"
    | "gpuIndices"
    | "waitReason"
  >
>;

/**
 * Moves `job` to `to` if the table allows it, recording the transition with its reason and time.
 * The update is conditional on the status the caller read, so of two writers racing (a user's cancel
 * and the worker's finish) one wins and the other answers 409 with the status it lost to.
 */
export async function transitionJob(
  tx: TxContext,
  job: JobRow,
  to: FineTuneJobStatus,
  reason: string,
  opts: { actorId?: string | null; set?: JobChanges } = {},
): Promise<JobRow> {
  if (!canTransition(job.status, to)) throw illegal(job.status, to);
  const now = tx.now();
  const stamps: Partial<JobRow> = { updatedAt: now };
  // A job queued again trains again: its new workspace is kept until it finishes anew.
  if (to === "queued")
    Object.assign(stamps, {
      queuedAt: now,
      startedAt: null,
      finishedAt: null,
      workspaceRemovedAt: null,
      // Placed afresh by the scheduler: no node, no GPUs, no wait reason until its next pass.
      nodeId: null,
      gpuIndices: null,
      waitReason: null,
    });
  if (to === "running") stamps.startedAt = now;
  if (isFinished(to)) stamps.finishedAt = now;
  const j = tables.fineTuneJobs;
  const [updated] = await tx.db
    .update(j)
    .set({ ...stamps, ...opts.set, status: to })
    .where(and(eq(j.id, job.id), eq(j.status, job.status)))
    .returning();
  if (!updated) {
    const [current] = await tx.db.select({ status: j.status }).from(j).where(eq(j.id, job.id));
    if (!current) throw notFound("fine-tuning job");
    throw conflict(`the job is ${current.status} now, no longer ${job.status}`, {
      status: current.status,
      to,
    });
  }
  await recordTransition(tx, {
    jobId: job.id,
    from: job.status,
    to,
    reason,
    actorId: opts.actorId ?? null,
    at: now,
  });
  // The event log carries state changes too, so one stream tells a console everything.
  await appendJobEvents(tx, job.id, updated.attempt, [
    { type: "status", at: now, data: { from: job.status, to, reason } },
  ]);
  // Every start and end, whoever caused it (a run, a cancel, a lost node), reaches the webhooks.
  await notifyJobWebhooks(tx, job.status, updated);
  return updated;
}
