import { z } from "zod";
import { Timestamp } from "./common.js";

/**
 * The usage and cost report (seed 000 §4.3.9): what the usage page, a key's Usage tab and
 * `infera usage` read, from the per-minute rollups (`usage_minutes`). One route answers all three:
 * `GET /api/v1/projects/{projectId}/usage`.
 */
export const UsageGroupBy = z.enum(["service", "revision", "api_key", "model_version", "status_code"]);
export type UsageGroupBy = z.infer<typeof UsageGroupBy>;
export const UsageGranularity = z.enum(["hour", "day"]);
export type UsageGranularity = z.infer<typeof UsageGranularity>;

export const UsageQuery = z.object({
  from: z.iso
    .datetime({ offset: true })
    .optional()
    .describe("Start (inclusive); default 24 hours before `to`"),
  to: z.iso.datetime({ offset: true }).optional().describe("End (exclusive); default now"),
  group_by: UsageGroupBy.default("service"),
  granularity: UsageGranularity.default("hour").describe("Bucket of the series"),
  service_id: z.string().max(64).optional(),
  revision_id: z.string().max(64).optional(),
  api_key_id: z.string().max(64).optional(),
  model_version_id: z.string().max(64).optional(),
  status_class: z.enum(["2xx", "4xx", "5xx"]).optional().describe("Only calls answered with this class"),
  format: z
    .enum(["json", "csv"])
    .optional()
    .describe("`csv` (or `Accept: text/csv`) downloads the grouped table per bucket"),
});
export type UsageQuery = z.infer<typeof UsageQuery>;

/** Sums of one bucket, one group, or the whole range. Latencies in ms; null without requests. */
export const UsageFigures = z.object({
  requests: z.number().int(),
  /** Calls answered 4xx or 5xx. */
  errors: z.number().int(),
  /** Share of calls answered below 400, 0–1; null without requests. */
  success_rate: z.number().nullable(),
  prompt_tokens: z.number().int(),
  completion_tokens: z.number().int(),
  total_tokens: z.number().int(),
  latency_avg_ms: z.number().nullable(),
  /** Estimated from the rollups' latency histograms (decision 0030). */
  latency_p95_ms: z.number().nullable(),
  ttft_avg_ms: z.number().nullable(),
  /** Sum of the priced calls' estimates, in `currency` of the report. */
  cost_estimate: z.number(),
  /** How many of `requests` had a price (the rest count no cost). */
  priced_requests: z.number().int(),
});
export type UsageFigures = z.infer<typeof UsageFigures>;

export const UsageGroupRow = UsageFigures.extend({
  /** The group's id (service, revision, key, model version id; the status code as text); null = none (e.g. playground calls have no key). */
  group: z.string().nullable(),
  /** What a person reads: the service's name, "name · r3", the key's name, "model v2", "429". */
  label: z.string(),
});
export type UsageGroupRow = z.infer<typeof UsageGroupRow>;

export const UsageSeriesPoint = UsageFigures.extend({
  /** Start of the bucket (hour or UTC day). */
  time: Timestamp,
  group: z.string().nullable(),
});
export type UsageSeriesPoint = z.infer<typeof UsageSeriesPoint>;

export const UsageReport = z.object({
  from: Timestamp,
  to: Timestamp,
  group_by: UsageGroupBy,
  granularity: UsageGranularity,
  /** ISO 4217 code of every cost in the report (the tenant's price table's currency). */
  currency: z.string(),
  totals: UsageFigures,
  /** One row per group over the whole range, most requests first. */
  groups: z.array(UsageGroupRow),
  /** One point per bucket and group (buckets without calls are left out). */
  series: z.array(UsageSeriesPoint),
  /** Requests per bucket and status code, for the status codes chart whatever the grouping. */
  status_codes: z.array(
    z.object({ time: Timestamp, status_code: z.number().int(), requests: z.number().int() }),
  ),
});
export type UsageReport = z.infer<typeof UsageReport>;

/**
 * A price of the tenant's price table. A call's estimate: its model version's token prices when the
 * table has them; otherwise its revision's resource class hourly price × the call's duration (a
 * replica's time it held). `currency` is the tenant's, one per table.
 */
export const PRICE_SUBJECT_KINDS = ["model_version", "resource_class"] as const;
export const Price = z.object({
  id: z.string(),
  tenant_id: z.string(),
  subject_kind: z.enum(PRICE_SUBJECT_KINDS),
  /** The model version id or resource class id it prices. */
  subject_id: z.string(),
  /** Readable name of the subject ("Qwen2.5-7B v3", "cpu-2"). */
  subject_label: z.string(),
  /** Per million prompt tokens (model versions). */
  input_per_million: z.number().nullable(),
  /** Per million completion tokens (model versions). */
  output_per_million: z.number().nullable(),
  /** Per hour of a replica (resource classes). */
  per_hour: z.number().nullable(),
  currency: z.string(),
  updated_at: Timestamp,
  updated_by: z.string().nullable(),
});
export type Price = z.infer<typeof Price>;

const amount = z.number().min(0).max(1_000_000);
export const SetPriceInput = z
  .strictObject({
    subject_kind: z.enum(PRICE_SUBJECT_KINDS),
    subject_id: z.string().min(1).max(64),
    input_per_million: amount.nullable().optional(),
    output_per_million: amount.nullable().optional(),
    per_hour: amount.nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.subject_kind === "model_version" && v.input_per_million == null && v.output_per_million == null)
      ctx.addIssue({
        code: "custom",
        path: ["input_per_million"],
        message: "give input_per_million or output_per_million",
      });
    if (v.subject_kind === "resource_class" && v.per_hour == null)
      ctx.addIssue({ code: "custom", path: ["per_hour"], message: "a resource class is priced per_hour" });
  });
export type SetPriceInput = z.infer<typeof SetPriceInput>;

/** Filters of the price table's list. */
export const PriceListQuery = z.object({
  subject_kind: z.enum(PRICE_SUBJECT_KINDS).optional(),
});
export type PriceListQuery = z.infer<typeof PriceListQuery>;
