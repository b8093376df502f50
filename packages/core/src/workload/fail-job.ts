import { retryDelaySeconds } from "@infera/contracts";
import { type Database, type Executor, sql, tables } from "@infera/db";
import type { FailOutcome, JobLease } from "../ports/job-queue.js";
import type { DeadLetterHooks } from "./dead-letter-hooks.js";
import { type JobKinds, jobKindOf } from "./job-kinds.js";
import { ownedBy } from "./owned-by.js";

const t = tables.workItems;
/** Errors are kept for people to read, not whole logs. */
const MAX_ERROR_CHARS = 8000;

/**
 * Ends a failed attempt: queued again after the kind's backoff (exponential, capped), or a dead
 * letter keeping `error` once the item's attempts are used up or the failure is `final` (retrying
 * cannot help, e.g. a payload the handler cannot read). A kind with a dead-letter hook has it run in
 * the same transaction when the item dies.
 */
export async function failJob(
  kinds: JobKinds,
  hooks: DeadLetterHooks,
  db: Database,
  lease: JobLease,
  error: string,
  opts: { final?: boolean } = {},
): Promise<FailOutcome> {
  const def = jobKindOf(kinds, lease.kind);
  const lastError = error.length > MAX_ERROR_CHARS ? `${error.slice(0, MAX_ERROR_CHARS)}…` : error;
  const delaySeconds = retryDelaySeconds(def.retry, lease.attempt);
  // The item's own max_attempts decides (it was fixed at enqueue), not today's catalog.
  const dead = sql`(${opts.final ? sql`true` : sql`false`} OR ${t.attempts} >= ${t.maxAttempts})`;
  const hook = hooks.get(lease.kind);
  const fail = async (tx: Executor) => {
    const [row] = await tx
      .update(t)
      .set({
        status: sql`CASE WHEN ${dead} THEN 'dead' ELSE 'queued' END`,
        lastError,
        leaseOwner: null,
        leaseExpiresAt: null,
        runAfter: sql`CASE WHEN ${dead} THEN ${t.runAfter} ELSE now() + ${delaySeconds} * interval '1 second' END`,
        finishedAt: sql`CASE WHEN ${dead} THEN now() END`,
        updatedAt: sql`now()`,
      })
      .where(ownedBy(lease))
      .returning({ status: t.status, payload: t.payload, attempts: t.attempts, lastError: t.lastError });
    if (row?.status === "dead" && hook)
      await hook(tx, {
        id: lease.id,
        kind: lease.kind,
        payload: row.payload,
        attempts: row.attempts,
        lastError: row.lastError,
      });
    return row;
  };
  const row = hook ? await db.transaction(fail) : await fail(db);
  if (!row) return { status: "lost" };
  return row.status === "dead" ? { status: "dead" } : { status: "retry", delaySeconds };
}
