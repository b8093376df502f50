import type { Action, Webhook, WebhookDelivery, WebhookEventType } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { type Access, authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { DomainError, notFound } from "../shared/errors.js";
import { iso } from "../shared/pagination.js";

export type WebhookRow = typeof tables.webhooks.$inferSelect;
export type DeliveryRow = typeof tables.webhookDeliveries.$inferSelect;

const WEBHOOK_ID = /^wh_[0-9a-z]{26}$/;
const DELIVERY_ID = /^whd_[0-9a-z]{26}$/;

/** The webhook as the API shows it: never its secret. */
export function toWebhook(r: WebhookRow): Webhook {
  return {
    id: r.id,
    project_id: r.projectId,
    url: r.url,
    description: r.description,
    events: r.events as WebhookEventType[],
    enabled: r.enabled,
    created_by: r.createdBy,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

export function toWebhookDelivery(r: DeliveryRow): WebhookDelivery {
  return {
    id: r.id,
    webhook_id: r.webhookId,
    event_type: r.eventType,
    event_id: r.eventId,
    payload: r.payload,
    status: r.status,
    attempts: r.attempts,
    max_attempts: r.maxAttempts,
    response_status: r.lastResponseStatus,
    response_body: r.lastResponseBody,
    error: r.lastError,
    duration_ms: r.lastDurationMs,
    attempt_log: r.attemptLog,
    last_attempt_at: iso(r.lastAttemptAt),
    next_attempt_at: iso(r.nextAttemptAt),
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

function unauthenticated(ctx: ServiceContext) {
  if (ctx.principal.type === "anonymous")
    throw new DomainError("unauthenticated", "sign in or send a bearer token");
}

/** Decides `action` on the webhook's project; another tenant's (or project's) webhook is not_found. */
async function onProjectOf(ctx: ServiceContext, action: Action, projectId: string, what: string) {
  try {
    return await authorize(ctx, action, { projectId });
  } catch (err) {
    if (err instanceof DomainError && err.code === "not_found") throw notFound(what);
    throw err;
  }
}

export async function authorizeWebhook(
  ctx: ServiceContext,
  action: Action,
  webhookId: string,
  opts: { forUpdate?: boolean } = {},
): Promise<{ webhook: WebhookRow; access: Access }> {
  unauthenticated(ctx);
  if (!WEBHOOK_ID.test(webhookId)) throw notFound("webhook");
  const q = ctx.db.select().from(tables.webhooks).where(eq(tables.webhooks.id, webhookId));
  const [webhook] = opts.forUpdate ? await q.for("update") : await q;
  if (!webhook) throw notFound("webhook");
  const access = await onProjectOf(ctx, action, webhook.projectId, "webhook");
  return { webhook, access };
}

export async function authorizeDelivery(
  ctx: ServiceContext,
  action: Action,
  deliveryId: string,
): Promise<{ delivery: DeliveryRow; webhook: WebhookRow }> {
  unauthenticated(ctx);
  if (!DELIVERY_ID.test(deliveryId)) throw notFound("webhook delivery");
  const d = tables.webhookDeliveries;
  const [row] = await ctx.db
    .select({ delivery: d, webhook: tables.webhooks })
    .from(d)
    .innerJoin(tables.webhooks, eq(tables.webhooks.id, d.webhookId))
    .where(eq(d.id, deliveryId));
  if (!row) throw notFound("webhook delivery");
  await onProjectOf(ctx, action, row.webhook.projectId, "webhook delivery");
  return row;
}
