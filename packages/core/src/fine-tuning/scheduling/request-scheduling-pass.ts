import { and, eq, tables } from "@infera/db";
import type { TxContext } from "../../shared/transaction.js";

/**
 * Asks for a scheduling pass once the caller's transaction commits (a job was queued, or a running
 * one ended and freed its slot). A pass already waiting to be taken will see this change too, so a
 * burst of submissions adds one item, not one each. No idempotency key: the queue keeps a key's
 * first item forever, and a later change needs a later pass. The periodic pass (every 10 s) covers
 * the rare change that commits just after a waiting pass was taken.
 */
export async function requestSchedulingPass(tx: TxContext): Promise<void> {
  const w = tables.workItems;
  const [waiting] = await tx.db
    .select({ id: w.id })
    .from(w)
    .where(and(eq(w.kind, "fine_tuning.schedule"), eq(w.status, "queued")))
    .limit(1);
  if (waiting) return;
  await tx.queue.enqueue(tx, "fine_tuning.schedule", {}, { priority: 100 });
}
