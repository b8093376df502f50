import { z } from "zod";
import { idSchema } from "./ids.js";

/**
 * One call through the gateway, as the meter writes it to its journal and the shipper stores it in
 * `usage_records`. The id is made by the gateway when the call starts, so shipping the same record
 * twice (a replayed journal segment) stores it once. Times are milliseconds; tokens are the
 * upstream's own counts (`usage` of the response, forced on for streams).
 */
export const UsageRecord = z.strictObject({
  id: idSchema("usageRecord"),
  /** When the call ended (ISO 8601): the minute its rollup counts it in. */
  at: z.iso.datetime({ offset: true }),
  tenant_id: idSchema("tenant"),
  project_id: idSchema("project"),
  /** The API key that called; null for calls made by a signed-in user (the playground). */
  api_key_id: z.string().min(1).max(64).nullable(),
  service_id: idSchema("service").nullable(),
  revision_id: idSchema("serviceRevision").nullable(),
  model_version_id: idSchema("modelVersion").nullable(),
  /** `chat/completions`, `completions`, `embeddings`, `responses`, `models`. */
  endpoint: z.string().min(1).max(64),
  status_code: z.number().int().min(100).max(599),
  prompt_tokens: z.number().int().min(0),
  completion_tokens: z.number().int().min(0),
  /** From the request's first byte to the response's last. */
  latency_ms: z.number().min(0),
  /** Time to the first streamed token; null for a call that did not stream or failed first. */
  ttft_ms: z.number().min(0).nullable(),
  /** Time per output token after the first; null when fewer than two tokens came. */
  tpot_ms: z.number().min(0).nullable(),
  /** Estimated cost in the tenant's currency; null until a price table prices the call. */
  cost_estimate: z.number().min(0).nullable(),
  streamed: z.boolean(),
});
export type UsageRecord = z.infer<typeof UsageRecord>;

/**
 * Upper bounds (ms, inclusive) of the latency histogram each `usage_minutes` row keeps; one more
 * bucket counts everything slower. Fixed forever: rows of different bounds could not be added.
 */
export const USAGE_LATENCY_BUCKETS_MS = [
  10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000, 120_000,
] as const;

/** The bucket a latency falls in: the first bound it does not exceed, or the overflow bucket. */
export function usageLatencyBucket(latencyMs: number): number {
  const i = USAGE_LATENCY_BUCKETS_MS.findIndex((bound) => latencyMs <= bound);
  return i === -1 ? USAGE_LATENCY_BUCKETS_MS.length : i;
}

/**
 * An estimated percentile from summed histogram counts: the bound of the bucket where the running
 * count reaches `q`, interpolated linearly inside it. The overflow bucket answers `maxMs`.
 */
export function usageLatencyPercentile(counts: readonly number[], q: number, maxMs: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (!total) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i] ?? 0;
    if (seen + n >= rank && n > 0) {
      const upper = USAGE_LATENCY_BUCKETS_MS[i];
      if (upper === undefined) return maxMs;
      const lower = i === 0 ? 0 : (USAGE_LATENCY_BUCKETS_MS[i - 1] ?? 0);
      return Math.min(maxMs, lower + ((rank - seen) / n) * (upper - lower));
    }
    seen += n;
  }
  return maxMs;
}
