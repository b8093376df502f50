import { and, eq, sql, tables } from "@infera/db";
import type { EnqueueOptions, EnqueueResult, InTransaction } from "../ports/job-queue.js";
import { invalid } from "../shared/errors.js";
import { newId } from "../shared/ids.js";
import { type JobKinds, jobKindOf, parseJobPayload } from "./job-kinds.js";

const t = tables.workItems;

/** The change feed channel an enqueue notifies (payload: the kind), so idle workers wake at once. */
export const WORK_ITEMS_CHANNEL = "work_items";

/**
 * Adds a work item inside the caller's transaction: it becomes visible to workers exactly when the
 * caller's change (and its audit event) commits, and vanishes with it on a rollback. With an
 * idempotency key, a second enqueue of the same kind and key returns the first item.
 */
export async function enqueueJob(
  kinds: JobKinds,
  tx: InTransaction,
  kind: string,
  payload: unknown,
  opts: EnqueueOptions = {},
): Promise<EnqueueResult> {
  const def = jobKindOf(kinds, kind);
  const parsed = parseJobPayload(kinds, kind, payload);
  const delay = opts.delaySeconds ?? 0;
  if (!(delay >= 0 && delay <= 366 * 86_400)) throw invalid("delaySeconds must be from 0 to a year");
  const priority = opts.priority ?? 0;
  if (!Number.isInteger(priority) || Math.abs(priority) > 1_000_000)
    throw invalid("priority must be a whole number from -1,000,000 to 1,000,000");
  const key = opts.idempotencyKey;
  if (key !== undefined && (key.length === 0 || key.length > 500))
    throw invalid("an idempotency key is 1 to 500 characters");

  const [row] = await tx.db
    .insert(t)
    .values({
      id: newId("workItem"),
      kind,
      payload: parsed,
      priority,
      runAfter: sql`now() + ${delay} * interval '1 second'`,
      maxAttempts: def.retry.maxAttempts,
      leaseSeconds: def.leaseSeconds,
      idempotencyKey: key ?? null,
      targetNode: opts.targetNode ?? null,
    })
    .onConflictDoNothing({ target: [t.kind, t.idempotencyKey], where: sql`${t.idempotencyKey} IS NOT NULL` })
    .returning({ id: t.id });
  if (row) {
    // Idle workers wake on commit instead of at their next poll (LISTEN is best effort: the poll stays).
    if (delay === 0) await tx.db.execute(sql`select pg_notify(${WORK_ITEMS_CHANNEL}, ${kind})`);
    return { id: row.id, created: true };
  }
  // Only a key can conflict: the item enqueued first (committed, or by this same transaction).
  const [existing] = await tx.db
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.kind, kind), eq(t.idempotencyKey, key ?? "")));
  if (!existing) throw new Error(`work item ${kind}/${key} conflicted but cannot be read`);
  return { id: existing.id, created: false };
}
