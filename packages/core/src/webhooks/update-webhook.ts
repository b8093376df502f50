import type { UpdateWebhookInput, Webhook } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import type { ServiceContext } from "../shared/context.js";
import { withTransaction } from "../shared/transaction.js";
import { authorizeWebhook, toWebhook } from "./webhook-access.js";

/** Changes the URL, events, description, or enables / disables it (a disabled webhook gets no new deliveries). */
export async function updateWebhook({
  ctx,
  webhookId,
  input,
}: {
  ctx: ServiceContext;
  webhookId: string;
  input: UpdateWebhookInput;
}): Promise<Webhook> {
  return withTransaction(ctx, async (tx) => {
    const { webhook } = await authorizeWebhook(tx, "project.webhook.update", webhookId, { forUpdate: true });
    const [row] = await tx.db
      .update(tables.webhooks)
      .set({
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.events !== undefined ? { events: input.events } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        updatedAt: tx.now(),
      })
      .where(eq(tables.webhooks.id, webhookId))
      .returning();
    const after = toWebhook(row!);
    await recordAudit(tx, {
      action: "project.webhook.update",
      resourceType: "webhook",
      resourceId: webhookId,
      tenantId: webhook.tenantId,
      projectId: webhook.projectId,
      before: toWebhook(webhook),
      after,
    });
    return after;
  });
}
