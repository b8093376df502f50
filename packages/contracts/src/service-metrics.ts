import { z } from "zod";
import { Timestamp } from "./common.js";

/** The windows the metrics route answers and the bucket each is cut into (about 60–170 points a chart). */
export const SERVICE_METRICS_WINDOWS = {
  "1h": { seconds: 3600, bucketSeconds: 60 },
  "6h": { seconds: 6 * 3600, bucketSeconds: 300 },
  "24h": { seconds: 24 * 3600, bucketSeconds: 900 },
  "7d": { seconds: 7 * 86400, bucketSeconds: 3600 },
} as const;
export const ServiceMetricsWindow = z.enum(["1h", "6h", "24h", "7d"]);
export type ServiceMetricsWindow = z.infer<typeof ServiceMetricsWindow>;

export const ServiceMetricsQuery = z.object({
  window: ServiceMetricsWindow.default("1h").describe(
    "1h (1-minute buckets), 6h (5 min), 24h (15 min), 7d (1 h)",
  ),
  revision: z
    .string()
    .max(2000)
    .optional()
    .describe("Only these revisions: one id or several separated by commas (two to overlay them)"),
  replica: z.string().max(100).optional().describe("Only this replica's rows"),
  format: z
    .enum(["json", "csv"])
    .optional()
    .describe("`csv` (or `Accept: text/csv`) downloads the points as CSV"),
});
export type ServiceMetricsQuery = z.infer<typeof ServiceMetricsQuery>;

/** One bucket of one revision, its replicas added up (rates per second of the bucket; latencies in ms). */
export const ServiceMetricsPoint = z.object({
  /** Start of the bucket. */
  time: Timestamp,
  requests: z.number().int(),
  /** Requests a second over the bucket. */
  qps: z.number(),
  errors: z.number().int(),
  /** Share of requests not failed by the replica (5xx), 0–1; null without requests. */
  success_rate: z.number().nullable(),
  latency_p50_ms: z.number().nullable(),
  latency_p95_ms: z.number().nullable(),
  latency_p99_ms: z.number().nullable(),
  ttft_p50_ms: z.number().nullable(),
  ttft_p95_ms: z.number().nullable(),
  tpot_p50_ms: z.number().nullable(),
  tpot_p95_ms: z.number().nullable(),
  prompt_tokens_per_second: z.number(),
  generated_tokens_per_second: z.number(),
  /** Requests holding a sequence at the last scrape of the bucket, replicas added up. */
  in_flight: z.number().int(),
  cold_starts: z.number().int(),
  /** Mean start → ready time of the bucket's cold starts; null without one. */
  cold_start_ms: z.number().nullable(),
  /** CPU time over wall time, 100 = one core; null before a replica's second scrape. */
  cpu_percent: z.number().nullable(),
  /** Resident memory of the replicas at the bucket's last scrape, added up. */
  memory_bytes: z.number().int(),
  gpu_memory_bytes: z.number().int().nullable(),
  gpu_utilization_percent: z.number().nullable(),
  /** Replicas that reported in the bucket. */
  replicas: z.number().int(),
});
export type ServiceMetricsPoint = z.infer<typeof ServiceMetricsPoint>;

export const ServiceMetrics = z.object({
  window: ServiceMetricsWindow,
  bucket_seconds: z.number().int(),
  from: Timestamp,
  to: Timestamp,
  /** One per revision with data in the window (newest revision first); buckets without data are left out. */
  series: z.array(
    z.object({
      revision_id: z.string(),
      revision_number: z.number().int(),
      points: z.array(ServiceMetricsPoint),
    }),
  ),
});
export type ServiceMetrics = z.infer<typeof ServiceMetrics>;

export const ServiceGatewayMetricsQuery = z.object({
  window: ServiceMetricsWindow.default("1h").describe(
    "1h (1-minute buckets), 6h (5 min), 24h (15 min), 7d (1 h)",
  ),
  revision: z
    .string()
    .max(2000)
    .optional()
    .describe("Only these revisions: one id or several separated by commas"),
});
export type ServiceGatewayMetricsQuery = z.infer<typeof ServiceGatewayMetricsQuery>;

/**
 * One bucket of one revision as the gateway measured it (every `/v1` and playground call, metered
 * into `usage_minutes`): latencies are the gateway's end to end, percentiles from the summed
 * latency histograms (decision 0030); rates per minute of the bucket.
 */
export const ServiceGatewayMetricsPoint = z.object({
  /** Start of the bucket. */
  time: Timestamp,
  requests: z.number().int(),
  requests_per_minute: z.number(),
  /** Calls answered 4xx (refused: limits, bad requests) and 5xx (failed). */
  errors_4xx: z.number().int(),
  errors_5xx: z.number().int(),
  /** Share of calls answered 4xx / 5xx, 0–1; null without calls. */
  error_rate_4xx: z.number().nullable(),
  error_rate_5xx: z.number().nullable(),
  latency_p50_ms: z.number().nullable(),
  latency_p95_ms: z.number().nullable(),
  prompt_tokens: z.number().int(),
  completion_tokens: z.number().int(),
  /** Prompt and completion tokens a minute over the bucket. */
  tokens_per_minute: z.number(),
});
export type ServiceGatewayMetricsPoint = z.infer<typeof ServiceGatewayMetricsPoint>;

export const ServiceGatewayMetrics = z.object({
  window: ServiceMetricsWindow,
  bucket_seconds: z.number().int(),
  from: Timestamp,
  to: Timestamp,
  /** One per revision with calls in the window (newest revision first); buckets without calls are left out. */
  series: z.array(
    z.object({
      revision_id: z.string(),
      revision_number: z.number().int(),
      points: z.array(ServiceGatewayMetricsPoint),
    }),
  ),
});
export type ServiceGatewayMetrics = z.infer<typeof ServiceGatewayMetrics>;
