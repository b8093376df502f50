import {
  planWebhookAttempt,
  RESPONSE_EXCERPT_BYTES,
  recordWebhookAttempt,
  type WebhookAttemptOutcome,
} from "@infera/core";
import type { JobHandler } from "../job-handler.js";

/**
 * `webhook.deliver`: one attempt of one delivery — POST the signed event, then record the answer
 * (a 2xx ends it; otherwise core enqueues the next attempt on the retry schedule, or ends it failed).
 * A worker killed mid-attempt leaves the item leased; when its lease runs out the queue runs it again
 * and, since nothing was recorded for that attempt, it is sent again (receivers dedupe on
 * `X-Infera-Delivery`).
 */
export function webhookDeliver({ timeoutMs = 10_000 }: { timeoutMs?: number } = {}): JobHandler<{
  delivery_id: string;
  attempt: number;
}> {
  return async ({ ctx, job, signal, log }) => {
    const input = { deliveryId: job.payload.delivery_id, attempt: job.payload.attempt };
    const plan = await planWebhookAttempt(ctx, input);
    if (plan.kind === "skip") {
      log.info({ ...input, reason: plan.reason }, "webhook attempt: nothing to do");
      return;
    }
    let outcome: WebhookAttemptOutcome;
    if (plan.kind === "refuse") {
      outcome = { responseStatus: null, responseBody: null, error: plan.reason, durationMs: 0, final: true };
    } else {
      outcome = await post(
        plan.request,
        AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
        timeoutMs,
      );
    }
    // Stopping (or the lease lost) mid-request: record nothing; the item runs again.
    if (signal.aborted) throw new Error("webhook attempt interrupted");
    const result = await recordWebhookAttempt(ctx, { ...input, outcome });
    log.info({ ...input, status: result?.status, responseStatus: outcome.responseStatus }, "webhook attempt");
  };
}

async function post(
  request: { url: string; body: string; headers: Record<string, string> },
  signal: AbortSignal,
  timeoutMs: number,
): Promise<WebhookAttemptOutcome> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(request.url, {
      method: "POST",
      headers: request.headers,
      body: request.body,
      signal,
      redirect: "manual",
    });
    const responseBody = await excerpt(res);
    return { responseStatus: res.status, responseBody, error: null, durationMs: took() };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const error =
      e.name === "TimeoutError"
        ? `no answer within ${timeoutMs / 1000} s`
        : (e.cause?.code ?? e.cause?.message ?? e.message ?? "request failed");
    return { responseStatus: null, responseBody: null, error, durationMs: took() };
  }
}

/** The first 2 KB of the answer; the rest is not read. */
async function excerpt(res: Response): Promise<string | null> {
  if (!res.body) return null;
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < RESPONSE_EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  const bytes = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES);
  return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
}
