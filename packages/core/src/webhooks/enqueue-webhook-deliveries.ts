import { and, eq, sql, tables } from "@infera/db";
import { newId } from "../shared/ids.js";
import type { TxContext } from "../shared/transaction.js";
import type { DeliveryRow, WebhookRow } from "./webhook-access.js";
import { webhookSettings } from "./webhook-settings.js";

/**
 * Inserts one delivery of `payload` for `webhook` and enqueues its first attempt, in the caller's
 * transaction: the delivery exists exactly when the change it reports commits.
 */
export async function insertDelivery(
  tx: TxContext,
  webhook: WebhookRow,
  event: { id: string; type: string; payload: Record<string, unknown> },
): Promise<DeliveryRow> {
  const now = tx.now();
  const [row] = await tx.db
    .insert(tables.webhookDeliveries)
    .values({
      id: newId("webhookDelivery"),
      webhookId: webhook.id,
      tenantId: webhook.tenantId,
      projectId: webhook.projectId,
      eventType: event.type,
      eventId: event.id,
      payload: event.payload,
      maxAttempts: webhookSettings(tx).maxAttempts,
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await tx.queue.enqueue(
    tx,
    "webhook.deliver",
    { delivery_id: row!.id, attempt: 1 },
    { idempotencyKey: `${row!.id}:1` },
  );
  return row!;
}

/**
 * Fans an event of a project out to every enabled webhook of it subscribed to `type`: one delivery
 * and one work item each. The body is fixed here (`{ id, type, created_at, data }`), so every
 * attempt and every webhook gets the same event.
 */
export async function enqueueWebhookEvent(
  tx: TxContext,
  event: { projectId: string; type: string; data: Record<string, unknown> },
): Promise<number> {
  const w = tables.webhooks;
  const hooks = await tx.db
    .select()
    .from(w)
    .where(and(eq(w.projectId, event.projectId), eq(w.enabled, true), sql`${event.type} = ANY(${w.events})`));
  if (!hooks.length) return 0;
  const id = newId("webhookEvent");
  const payload = { id, type: event.type, created_at: tx.now().toISOString(), data: event.data };
  for (const hook of hooks) await insertDelivery(tx, hook, { id, type: event.type, payload });
  return hooks.length;
}
