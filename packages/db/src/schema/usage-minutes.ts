import {
  bigint,
  doublePrecision,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";

/**
 * Per-minute rollups of `usage_records` by key, service, revision, model version, endpoint and status
 * code: what the usage page and its charts read, kept after the raw records are pruned. Written only
 * by the shipper, in the transaction that inserts the records, from the records that insert really
 * added — so a replayed segment adds nothing. Sums and maxima give averages and peaks; the latency
 * histogram (`latency_buckets`, bounds `USAGE_LATENCY_BUCKETS_MS` in contracts, one overflow bucket)
 * gives p95 / p99 estimates that add up across minutes and groups (decision 0030).
 */
export const usageMinutes = pgTable(
  "usage_minutes",
  {
    minute: timestamp("minute", { withTimezone: true }).notNull(),
    tenantId: text("tenant_id").notNull(),
    projectId: text("project_id").notNull(),
    apiKeyId: text("api_key_id"),
    serviceId: text("service_id"),
    revisionId: text("revision_id"),
    modelVersionId: text("model_version_id"),
    endpoint: text("endpoint").notNull(),
    statusCode: integer("status_code").notNull(),
    requests: bigint("requests", { mode: "number" }).notNull(),
    streamedRequests: bigint("streamed_requests", { mode: "number" }).notNull(),
    promptTokens: bigint("prompt_tokens", { mode: "number" }).notNull(),
    completionTokens: bigint("completion_tokens", { mode: "number" }).notNull(),
    latencyMsSum: doublePrecision("latency_ms_sum").notNull(),
    latencyMsMax: doublePrecision("latency_ms_max").notNull(),
    /** Counts per latency bucket (contracts' bounds, then the overflow bucket). */
    latencyBuckets: bigint("latency_buckets", { mode: "number" }).array().notNull(),
    /** Over the requests that have a TTFT / TPOT (`ttft_count`, `tpot_count`). */
    ttftCount: bigint("ttft_count", { mode: "number" }).notNull(),
    ttftMsSum: doublePrecision("ttft_ms_sum").notNull(),
    ttftMsMax: doublePrecision("ttft_ms_max"),
    tpotCount: bigint("tpot_count", { mode: "number" }).notNull(),
    tpotMsSum: doublePrecision("tpot_ms_sum").notNull(),
    /** Sum of the priced calls' estimates; `priced_requests` of `requests` had one. */
    costEstimateSum: numeric("cost_estimate_sum", { precision: 20, scale: 8, mode: "number" }).notNull(),
    pricedRequests: bigint("priced_requests", { mode: "number" }).notNull(),
  },
  (t) => [
    // One row per minute and group; a missing key, service… is a group of its own (NULLS NOT DISTINCT).
    unique("usage_minutes_group_key")
      .on(
        t.minute,
        t.projectId,
        t.apiKeyId,
        t.serviceId,
        t.revisionId,
        t.modelVersionId,
        t.endpoint,
        t.statusCode,
      )
      .nullsNotDistinct(),
    // The usage report reads one project's range; the unique key above starts with the minute.
    index("usage_minutes_project_minute_idx").on(t.projectId, t.minute),
  ],
);
