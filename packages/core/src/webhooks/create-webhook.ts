import type { CreateWebhookInput, WebhookWithSecret } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import { actorIdOf } from "../fine-tuning/job-access.js";
import type { ServiceContext } from "../shared/context.js";
import { notFound } from "../shared/errors.js";
import { newId } from "../shared/ids.js";
import { withTransaction } from "../shared/transaction.js";
import { toWebhook } from "./webhook-access.js";
import { newWebhookSecret } from "./webhook-secret.js";

/** Registers a webhook of the project; the answer carries its signing secret, the only time it is shown. */
export async function createWebhook({
  ctx,
  projectId,
  input,
}: {
  ctx: ServiceContext;
  projectId: string;
  input: CreateWebhookInput;
}): Promise<WebhookWithSecret> {
  await authorize(ctx, "project.webhook.create", { projectId });
  return withTransaction(ctx, async (tx) => {
    const [project] = await tx.db
      .select({ tenantId: tables.projects.tenantId })
      .from(tables.projects)
      .where(eq(tables.projects.id, projectId));
    if (!project) throw notFound("project");
    const now = tx.now();
    const secret = newWebhookSecret();
    const [row] = await tx.db
      .insert(tables.webhooks)
      .values({
        id: newId("webhook"),
        tenantId: project.tenantId,
        projectId,
        url: input.url,
        description: input.description,
        events: input.events,
        enabled: input.enabled,
        secret,
        createdBy: actorIdOf(tx),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const created = toWebhook(row!);
    await recordAudit(tx, {
      action: "project.webhook.create",
      resourceType: "webhook",
      resourceId: created.id,
      tenantId: project.tenantId,
      projectId,
      after: created,
    });
    return { ...created, secret };
  });
}
