import { and, eq, tables } from "@infera/db";
import type { TxContext } from "../../shared/transaction.js";

/**
 * Asks for a replica manager pass once the caller's transaction commits (a deploy, a start or stop,
 * a traffic edit, a rollback, a delete). As with the fine-tuning scheduler, a pass already waiting
 * will see this change too, so a burst of edits adds one item; the periodic pass catches the rest.
 */
export async function requestReconcilePass(tx: TxContext): Promise<void> {
  // The upstream checks of openai-compatible revisions follow the same changes.
  for (const kind of ["services.reconcile", "services.check_upstreams"] as const) {
    const w = tables.workItems;
    const [waiting] = await tx.db
      .select({ id: w.id })
      .from(w)
      .where(and(eq(w.kind, kind), eq(w.status, "queued")))
      .limit(1);
    if (!waiting) await tx.queue.enqueue(tx, kind, {}, { priority: 100 });
  }
}
