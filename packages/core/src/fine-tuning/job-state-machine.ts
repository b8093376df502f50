import type { FineTuneJobStatus } from "@infera/contracts";
import { and, eq, getTableColumns, sql, tables } from "@infera/db";
import { conflict, notFound } from "../shared/errors.js";
import type { TxContext } from "../shared/transaction.js";
import { appendEventsOfJobs } from "./events/append-job-events.js";
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

/** One timeline entry (a job's creation has no `from`). */
export interface NewTransition {
  jobId: string;
  from: FineTuneJobStatus | null;
  to: FineTuneJobStatus;
  reason: string;
  actorId: string | null;
  /** The job row's own time stamp of the change, so the two agree. */
  at: Date;
}

/** Records a timeline entry. */
export async function recordTransition(tx: TxContext, input: NewTransition): Promise<void> {
  await recordTransitions(tx, [input]);
}

/**
 * Records timeline entries of any number of jobs in one insert, each numbered after its job's
 * highest (in the order given); the caller holds the jobs' row locks, so numbers never collide.
 */
export async function recordTransitions(tx: TxContext, entries: readonly NewTransition[]): Promise<void> {
  if (!entries.length) return;
  const rows = entries.map((e, ord) => ({
    job_id: e.jobId,
    from_status: e.from,
    to_status: e.to,
    reason: e.reason,
    actor_id: e.actorId,
    at: e.at.toISOString(),
    ord,
  }));
  await tx.db.execute(sql`
    insert into fine_tune_job_transitions (job_id, seq, from_status, to_status, reason, actor_id, at)
    select v.job_id,
      coalesce((select max(t.seq) from fine_tune_job_transitions t where t.job_id = v.job_id), 0)
        + row_number() over (partition by v.job_id order by v.ord)::int,
      v.from_status, v.to_status, v.reason, v.actor_id, v.at
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as v(job_id text, from_status text, to_status text, reason text, actor_id text, at timestamptz, ord int)`);
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
  const [updated] = await transitionJobs(tx, [{ job, reason, set: opts.set }], to, { actorId: opts.actorId });
  return updated!;
}

/** The fields a move changes: an `undefined` value leaves its column as it is, as an update's `set` does. */
function setFields(move: JobMove): (keyof JobChanges)[] {
  return (Object.keys(move.set ?? {}) as (keyof JobChanges)[])
    .filter((f) => move.set![f] !== undefined)
    .sort();
}

/** One job's move in `transitionJobs`: the row as the caller read it, why, and its own changes. */
export interface JobMove {
  job: JobRow;
  reason: string;
  set?: JobChanges;
}

/**
 * Moves many jobs to `to` at once, with exactly what `transitionJob` does for one — and it is
 * `transitionJob`'s only implementation: one conditional update of all rows (each from the status
 * its caller read), one insert of their timeline entries, one of their `status` events, then the
 * webhooks of each. The moves' `set` must name the same fields (their values differ: a scheduling
 * pass gives each job its node). If any job is no longer in the status read, nothing is kept: the
 * error (409 with the status it lost to, or 404) rolls back the caller's transaction.
 */
export async function transitionJobs(
  tx: TxContext,
  moves: readonly JobMove[],
  to: FineTuneJobStatus,
  opts: { actorId?: string | null } = {},
): Promise<JobRow[]> {
  if (!moves.length) return [];
  for (const m of moves) if (!canTransition(m.job.status, to)) throw illegal(m.job.status, to);
  if (new Set(moves.map((m) => m.job.id)).size !== moves.length)
    throw new Error("transitionJobs: a job appears twice in one call");
  const fields = setFields(moves[0]!);
  for (const m of moves)
    if (setFields(m).join() !== fields.join())
      throw new Error("transitionJobs: every move must set the same fields");
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
  const columns = getTableColumns(j);
  // Each move's own values, one record per job: a JSON array read back as rows by the database.
  const records = moves.map((m) => {
    const r: Record<string, unknown> = { id: m.job.id, from_status: m.job.status };
    for (const f of fields) r[columns[f].name] = m.set![f] ?? null;
    return r;
  });
  const shape = sql.raw(
    [
      "id text",
      "from_status text",
      ...fields.map((f) => `${columns[f].name} ${columns[f].getSQLType()}`),
    ].join(", "),
  );
  const own = Object.fromEntries(fields.map((f) => [f, sql.raw(`v.${columns[f].name}`)]));
  const updated = await tx.db
    .update(j)
    .set({ ...stamps, ...own, status: to })
    .from(sql`jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as v(${shape})`)
    .where(and(eq(j.id, sql`v.id`), eq(j.status, sql`v.from_status`)))
    .returning(columns);
  const byId = new Map(updated.map((u) => [u.id, u as JobRow]));
  const lost = moves.find((m) => !byId.has(m.job.id));
  if (lost) {
    const [current] = await tx.db.select({ status: j.status }).from(j).where(eq(j.id, lost.job.id));
    if (!current) throw notFound("fine-tuning job");
    throw conflict(`the job is ${current.status} now, no longer ${lost.job.status}`, {
      status: current.status,
      to,
    });
  }
  const actorId = opts.actorId ?? null;
  await recordTransitions(
    tx,
    moves.map((m) => ({ jobId: m.job.id, from: m.job.status, to, reason: m.reason, actorId, at: now })),
  );
  // The event log carries state changes too, so one stream tells a console everything.
  await appendEventsOfJobs(
    tx,
    moves.map((m) => ({
      jobId: m.job.id,
      attempt: byId.get(m.job.id)!.attempt,
      events: [{ type: "status", at: now, data: { from: m.job.status, to, reason: m.reason } }],
    })),
  );
  // Every start and end, whoever caused it (a run, a cancel, a lost node), reaches the webhooks.
  for (const m of moves) await notifyJobWebhooks(tx, m.job.status, byId.get(m.job.id)!);
  return moves.map((m) => byId.get(m.job.id)!);
}
