import { createHash } from "node:crypto";
import type { FineTuneJobEventType } from "@infera/contracts";
import { eq, sql, tables } from "@infera/db";
import { notifyChange } from "../../changes/notify-change.js";
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

/**
 * Appends events to a job's log inside the caller's transaction and wakes its followers on commit.
 * The per-job lock, held to commit, makes seqs follow commit order even when the worker (events) and
 * a user (a cancel's status change) write at once, so a stream never skips a row that commits late.
 */
export async function appendJobEvents(
  tx: TxContext,
  jobId: string,
  attempt: number,
  events: readonly NewJobEvent[],
): Promise<number> {
  if (!events.length) return 0;
  const key = createHash("sha256").update(jobId).digest().readInt32BE(0);
  await tx.db.execute(sql`select pg_advisory_xact_lock(${JOB_EVENTS_LOCK_CLASS}::int, ${key}::int)`);
  const e = tables.fineTuneJobEvents;
  const [row] = await tx.db
    .select({ last: sql<number>`coalesce(max(${e.seq}), 0)::int` })
    .from(e)
    .where(eq(e.jobId, jobId));
  let seq = Number(row?.last ?? 0);
  await tx.db.insert(e).values(
    events.map((ev) => ({
      jobId,
      seq: ++seq,
      attempt,
      type: ev.type,
      level: ev.level ?? null,
      at: ev.at,
      data: ev.data,
    })),
  );
  await notifyChange(tx, JOB_EVENTS_CHANNEL, jobId);
  return seq;
}
