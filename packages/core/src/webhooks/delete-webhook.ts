import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import type { ServiceContext } from "../shared/context.js";
import { withTransaction } from "../shared/transaction.js";
import { authorizeWebhook, toWebhook } from "./webhook-access.js";

/** Deletes the webhook and its delivery log; queued attempts find nothing and end. */
export async function deleteWebhook({
  ctx,
  webhookId,
}: {
  ctx: ServiceContext;
  webhookId: string;
}): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const { webhook } = await authorizeWebhook(tx, "project.webhook.delete", webhookId, { forUpdate: true });
    await tx.db.delete(tables.webhooks).where(eq(tables.webhooks.id, webhookId));
    await recordAudit(tx, {
      action: "project.webhook.delete",
      resourceType: "webhook",
      resourceId: webhookId,
      tenantId: webhook.tenantId,
      projectId: webhook.projectId,
      before: toWebhook(webhook),
    });
  });
}
