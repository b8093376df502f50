import { createHash } from "node:crypto";
import type { FineTuneJobEventType } from "@infera/contracts";
import { sql } from "@infera/db";
import { rawRows } from "../../shared/raw-rows.js";
import type { TxContext } from "../../shared/transaction.js";

/** The change feed channel a job's event streams follow; the payload is the job id. */
export const JOB_EVENTS_CHANNEL = "fine_tune_job_events";

/** First key of the per-job lock that orders event seqs (the second is a hash of the job id). */
const JOB_EVENTS_LOCK_CLASS = 4242200;

export interface NewJobEvent {
  type: FineTuneJobEventType;
  at: Date;
  /** Logs only. */
  level?: string | null;
  data: Record<string, unknown>;
}

/** Events of one job, for one attempt of it. */
export interface JobEventBatch {
  jobId: string;
  attempt: number;
  events: readonly NewJobEvent[];
}

/**
 * Appends events to a job's log inside the caller's transaction and wakes its followers on commit;
 * returns the job's last seq.
 */
export async function appendJobEvents(
  tx: TxContext,
  jobId: string,
  attempt: number,
  events: readonly NewJobEvent[],
): Promise<number> {
  return (await appendEventsOfJobs(tx, [{ jobId, attempt, events }])).get(jobId) ?? 0;
}

/**
 * Appends the events of many jobs at once (a scheduling pass placing a thousand): one lock
 * statement, one insert, one notify statement, whatever the number of jobs. Returns each job's
 * last seq. The per-job lock, held to commit, makes seqs follow commit order even when the worker
 * (events) and a user (a cancel's status change) write at once, so a stream never skips a row that
 * commits late; the locks are taken in key order, so two writers of several jobs never deadlock.
 * Each job's new seqs continue its highest, in the order given.
 */
export async function appendEventsOfJobs(
  tx: TxContext,
  batches: readonly JobEventBatch[],
): Promise<Map<string, number>> {
  const rows = batches.flatMap((b) =>
    b.events.map((ev) => ({
      job_id: b.jobId,
      attempt: b.attempt,
      type: ev.type,
      level: ev.level ?? null,
      at: ev.at.toISOString(),
      data: ev.data,
    })),
  );
  if (!rows.length) return new Map();
  const jobIds = [...new Set(rows.map((r) => r.job_id))];
  const keys = [...new Set(jobIds.map(lockKey))].sort((a, b) => a - b);
  await tx.db.execute(sql`
    select pg_advisory_xact_lock(${JOB_EVENTS_LOCK_CLASS}::int, k.key)
    from (select value::int as key from jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb)
          order by 1) k`);
  // Numbered after the lock: max(seq) is read by this statement, which sees every committed row.
  const inserted = await tx.db.execute(sql`
    insert into fine_tune_job_events (job_id, seq, attempt, type, level, at, data)
    select v.job_id,
      coalesce((select max(e.seq) from fine_tune_job_events e where e.job_id = v.job_id), 0)
        + row_number() over (partition by v.job_id order by v.ord)::int,
      v.attempt, v.type, v.level, v.at, v.data
    from jsonb_to_recordset(${JSON.stringify(rows.map((r, ord) => ({ ...r, ord })))}::jsonb)
      as v(job_id text, attempt int, type text, level text, at timestamptz, data jsonb, ord int)
    returning job_id, seq`);
  await tx.db.execute(sql`
    select pg_notify(${JOB_EVENTS_CHANNEL}, id)
    from jsonb_array_elements_text(${JSON.stringify(jobIds)}::jsonb) as ids(id)`);
  const last = new Map<string, number>();
  for (const r of rawRows<{ job_id: string; seq: number }>(inserted))
    last.set(r.job_id, Math.max(last.get(r.job_id) ?? 0, Number(r.seq)));
  return last;
}

function lockKey(jobId: string): number {
  return createHash("sha256").update(jobId).digest().readInt32BE(0);
}
