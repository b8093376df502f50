import type { Webhook } from "@infera/contracts";
import type { ServiceContext } from "../shared/context.js";
import { authorizeWebhook, toWebhook } from "./webhook-access.js";

export async function getWebhook({
  ctx,
  webhookId,
}: {
  ctx: ServiceContext;
  webhookId: string;
}): Promise<Webhook> {
  const { webhook } = await authorizeWebhook(ctx, "project.webhook.read", webhookId);
  return toWebhook(webhook);
}
