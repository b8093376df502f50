import type { WebhookDelivery } from "@infera/contracts";
import { recordAudit } from "../audit/record-audit.js";
import type { ServiceContext } from "../shared/context.js";
import { withTransaction } from "../shared/transaction.js";
import { insertDelivery } from "./enqueue-webhook-deliveries.js";
import { authorizeDelivery, toWebhookDelivery } from "./webhook-access.js";

/**
 * Sends a delivery's event again as a new delivery (same event id and body, signed anew, its own
 * attempts), so the log of the first one stays as it was.
 */
export async function redeliverWebhookDelivery({
  ctx,
  deliveryId,
}: {
  ctx: ServiceContext;
  deliveryId: string;
}): Promise<WebhookDelivery> {
  return withTransaction(ctx, async (tx) => {
    const { delivery, webhook } = await authorizeDelivery(
      tx,
      "project.webhook.delivery.redeliver",
      deliveryId,
    );
    const created = toWebhookDelivery(
      await insertDelivery(tx, webhook, {
        id: delivery.eventId,
        type: delivery.eventType,
        payload: delivery.payload,
      }),
    );
    await recordAudit(tx, {
      action: "project.webhook.delivery.redeliver",
      resourceType: "webhook_delivery",
      resourceId: created.id,
      tenantId: webhook.tenantId,
      projectId: webhook.projectId,
      after: { ...created, redelivery_of: delivery.id },
    });
    return created;
  });
}
