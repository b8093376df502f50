import type { WebhookDelivery } from "@infera/contracts";
import { recordAudit } from "../audit/record-audit.js";
import type { ServiceContext } from "../shared/context.js";
import { newId } from "../shared/ids.js";
import { withTransaction } from "../shared/transaction.js";
import { insertDelivery } from "./enqueue-webhook-deliveries.js";
import { authorizeWebhook, toWebhookDelivery } from "./webhook-access.js";

/** Sends a `ping` event to the webhook now (through the queue, like any delivery), enabled or not. */
export async function testWebhook({
  ctx,
  webhookId,
}: {
  ctx: ServiceContext;
  webhookId: string;
}): Promise<WebhookDelivery> {
  return withTransaction(ctx, async (tx) => {
    const { webhook } = await authorizeWebhook(tx, "project.webhook.test", webhookId);
    const id = newId("webhookEvent");
    const payload = {
      id,
      type: "ping",
      created_at: tx.now().toISOString(),
      data: { webhook: { id: webhook.id, url: webhook.url, events: webhook.events } },
    };
    const delivery = toWebhookDelivery(await insertDelivery(tx, webhook, { id, type: "ping", payload }));
    await recordAudit(tx, {
      action: "project.webhook.test",
      resourceType: "webhook_delivery",
      resourceId: delivery.id,
      tenantId: webhook.tenantId,
      projectId: webhook.projectId,
      after: delivery,
    });
    return delivery;
  });
}
