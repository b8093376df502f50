import type { WebhookWithSecret } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import type { ServiceContext } from "../shared/context.js";
import { withTransaction } from "../shared/transaction.js";
import { authorizeWebhook, toWebhook } from "./webhook-access.js";
import { newWebhookSecret } from "./webhook-secret.js";

/** A new signing secret, shown once in the answer; attempts from now on are signed with it. */
export async function rotateWebhookSecret({
  ctx,
  webhookId,
}: {
  ctx: ServiceContext;
  webhookId: string;
}): Promise<WebhookWithSecret> {
  return withTransaction(ctx, async (tx) => {
    const { webhook } = await authorizeWebhook(tx, "project.webhook.rotate_secret", webhookId, {
      forUpdate: true,
    });
    const secret = newWebhookSecret();
    const [row] = await tx.db
      .update(tables.webhooks)
      .set({ secret, updatedAt: tx.now() })
      .where(eq(tables.webhooks.id, webhookId))
      .returning();
    const after = toWebhook(row!);
    // The audit event says that it changed, never what to.
    await recordAudit(tx, {
      action: "project.webhook.rotate_secret",
      resourceType: "webhook",
      resourceId: webhookId,
      tenantId: webhook.tenantId,
      projectId: webhook.projectId,
      before: toWebhook(webhook),
      after,
    });
    return { ...after, secret };
  });
}
