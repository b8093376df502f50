import { and, eq, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { withTransaction } from "../shared/transaction.js";
import { signWebhookBody } from "./webhook-secret.js";
import { webhookRetryDelayMs, webhookSettings } from "./webhook-settings.js";

/** What the worker sends for one attempt: the body is signed as it is sent, byte for byte. */
export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

export type WebhookAttemptPlan =
  | { kind: "skip"; reason: string }
  | { kind: "refuse"; reason: string }
  | { kind: "send"; request: WebhookRequest };

/** How many bytes of a receiver's answer are kept. */
export const RESPONSE_EXCERPT_BYTES = 2048;

const isHttp = (url: string) => {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
};

/**
 * The request of attempt `attempt` of a delivery (worker only, no principal): nothing to do when the
 * delivery is gone, over, or already has this attempt recorded (a re-run after a crash that happened
 * once the attempt was written). Signs with the webhook's secret of now (a rotated secret applies to
 * every attempt after the rotation).
 */
export async function planWebhookAttempt(
  ctx: ServiceContext,
  { deliveryId, attempt }: { deliveryId: string; attempt: number },
): Promise<WebhookAttemptPlan> {
  const d = tables.webhookDeliveries;
  const [row] = await ctx.db
    .select({ delivery: d, webhook: tables.webhooks })
    .from(d)
    .innerJoin(tables.webhooks, eq(tables.webhooks.id, d.webhookId))
    .where(eq(d.id, deliveryId));
  if (!row) return { kind: "skip", reason: "the delivery no longer exists" };
  const { delivery, webhook } = row;
  if (delivery.status !== "pending") return { kind: "skip", reason: `the delivery is ${delivery.status}` };
  if (delivery.attempts >= attempt) return { kind: "skip", reason: `attempt ${attempt} is already recorded` };
  if (!isHttp(webhook.url)) return { kind: "refuse", reason: "the webhook's URL is not http:// or https://" };
  const body = JSON.stringify(delivery.payload);
  const timestamp = Math.floor(ctx.now().getTime() / 1000);
  return {
    kind: "send",
    request: {
      url: webhook.url,
      body,
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Infera-Webhooks/1",
        "X-Infera-Event": delivery.eventType,
        "X-Infera-Delivery": delivery.id,
        "X-Infera-Timestamp": String(timestamp),
        "X-Infera-Signature": signWebhookBody(webhook.secret, timestamp, body),
      },
    },
  };
}

export interface WebhookAttemptOutcome {
  /** The receiver's status, or null when no answer came (refused connection, timeout). */
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
  durationMs: number;
  /** Retrying cannot help (the URL is refused). */
  final?: boolean;
}

/**
 * Records attempt `attempt`: a 2xx ends the delivery succeeded; otherwise the next attempt is
 * enqueued after the retry schedule's delay, or, after the last, the delivery ends failed. Written
 * once per attempt (conditional on the attempts recorded so far), so a re-run writes nothing twice.
 * Answers the status the delivery has now, or null when this attempt was already recorded.
 */
export async function recordWebhookAttempt(
  ctx: ServiceContext,
  { deliveryId, attempt, outcome }: { deliveryId: string; attempt: number; outcome: WebhookAttemptOutcome },
): Promise<{ status: "pending" | "succeeded" | "failed"; retryInMs: number | null } | null> {
  return withTransaction(ctx, async (tx) => {
    const d = tables.webhookDeliveries;
    const [delivery] = await tx.db
      .select()
      .from(d)
      .where(and(eq(d.id, deliveryId), eq(d.attempts, attempt - 1), eq(d.status, "pending")))
      .for("update");
    if (!delivery) return null;
    const now = tx.now();
    const ok =
      outcome.responseStatus !== null && outcome.responseStatus >= 200 && outcome.responseStatus < 300;
    const more = !ok && !outcome.final && attempt < delivery.maxAttempts;
    const retryInMs = more ? webhookRetryDelayMs(webhookSettings(tx), attempt) : null;
    const status = ok ? "succeeded" : more ? "pending" : "failed";
    await tx.db
      .update(d)
      .set({
        status,
        attempts: attempt,
        lastResponseStatus: outcome.responseStatus,
        lastResponseBody: outcome.responseBody,
        lastError: outcome.error,
        lastDurationMs: outcome.durationMs,
        lastAttemptAt: now,
        nextAttemptAt: retryInMs === null ? null : new Date(now.getTime() + retryInMs),
        attemptLog: [
          ...delivery.attemptLog,
          {
            attempt,
            at: now.toISOString(),
            response_status: outcome.responseStatus,
            error: outcome.error,
            duration_ms: outcome.durationMs,
          },
        ],
        updatedAt: now,
      })
      .where(eq(d.id, deliveryId));
    if (retryInMs !== null)
      await tx.queue.enqueue(
        tx,
        "webhook.deliver",
        { delivery_id: deliveryId, attempt: attempt + 1 },
        { idempotencyKey: `${deliveryId}:${attempt + 1}`, delaySeconds: retryInMs / 1000 },
      );
    return { status, retryInMs };
  });
}
