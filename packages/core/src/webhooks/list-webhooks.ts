import type { ListQuery, Webhook } from "@infera/contracts";
import { and, eq, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { keyset, type Page } from "../shared/pagination.js";
import { toWebhook, type WebhookRow } from "./webhook-access.js";

/** The project's webhooks, newest first. */
export async function listWebhooks({
  ctx,
  projectId,
  query,
}: {
  ctx: ServiceContext;
  projectId: string;
  query: ListQuery;
}): Promise<Page<Webhook>> {
  await authorize(ctx, "project.webhook.list", { projectId });
  const w = tables.webhooks;
  const ks = keyset(query, {
    key: w.createdAt,
    id: w.id,
    type: "timestamp",
    direction: "desc",
    cursorOf: (r: WebhookRow) => [r.createdAt, r.id],
  });
  const rows = await ctx.db
    .select()
    .from(w)
    .where(and(eq(w.projectId, projectId), ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  return ks.page(rows, toWebhook);
}
