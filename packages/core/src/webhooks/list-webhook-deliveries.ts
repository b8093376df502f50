import type { ListQuery, WebhookDelivery } from "@infera/contracts";
import { and, eq, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { keyset, type Page } from "../shared/pagination.js";
import { authorizeWebhook, type DeliveryRow, toWebhookDelivery } from "./webhook-access.js";

/** A webhook's deliveries, newest first. */
export async function listWebhookDeliveries({
  ctx,
  webhookId,
  query,
}: {
  ctx: ServiceContext;
  webhookId: string;
  query: ListQuery;
}): Promise<Page<WebhookDelivery>> {
  await authorizeWebhook(ctx, "project.webhook.delivery.list", webhookId);
  const d = tables.webhookDeliveries;
  const ks = keyset(query, {
    key: d.createdAt,
    id: d.id,
    type: "timestamp",
    direction: "desc",
    cursorOf: (r: DeliveryRow) => [r.createdAt, r.id],
  });
  const rows = await ctx.db
    .select()
    .from(d)
    .where(and(eq(d.webhookId, webhookId), ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  return ks.page(rows, toWebhookDelivery);
}
