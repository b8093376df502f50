import { and, type Executor, eq, sql, tables } from "@infera/db";
import type { DeadLetter } from "../ports/job-queue.js";

/** The reason a delivery ends with when the worker never completed one of its attempts. */
const DELIVERY_CRASHED = "delivery_crashed";

/**
 * The dead-letter hook of `webhook.deliver`: the item of attempt N died (its handler crashed, or its
 * lease ran out, on every try), so nothing recorded attempt N and nothing enqueues N+1. The delivery
 * ends `failed`, attempt N logged with `delivery_crashed` and the queue's last error, so the log says
 * why and redeliver can send it again. A delivery that has moved on (attempt N recorded after all,
 * or no longer pending) is left alone. Runs in the queue's transaction (worker, no principal).
 */
export async function failCrashedWebhookDelivery(db: Executor, item: DeadLetter): Promise<void> {
  const payload = item.payload as { delivery_id?: unknown; attempt?: unknown };
  if (typeof payload.delivery_id !== "string" || typeof payload.attempt !== "number") return;
  const { delivery_id: deliveryId, attempt } = payload;
  const d = tables.webhookDeliveries;
  const [delivery] = await db
    .select({ attemptLog: d.attemptLog, now: sql<string>`now()` })
    .from(d)
    .where(and(eq(d.id, deliveryId), eq(d.attempts, attempt - 1), eq(d.status, "pending")))
    .for("update");
  if (!delivery) return;
  const now = new Date(delivery.now);
  const error = `${DELIVERY_CRASHED}: the worker did not complete attempt ${attempt} in ${item.attempts} tries${item.lastError ? ` (${item.lastError.split("\n")[0]})` : ""}`;
  await db
    .update(d)
    .set({
      status: "failed",
      attempts: attempt,
      lastResponseStatus: null,
      lastResponseBody: null,
      lastError: error,
      lastDurationMs: null,
      lastAttemptAt: now,
      nextAttemptAt: null,
      attemptLog: [
        ...delivery.attemptLog,
        { attempt, at: now.toISOString(), response_status: null, error, duration_ms: 0 },
      ],
      updatedAt: now,
    })
    .where(eq(d.id, deliveryId));
}
