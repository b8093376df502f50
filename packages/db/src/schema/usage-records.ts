import {
  boolean,
  doublePrecision,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

/**
 * One call through the gateway (contracts' `UsageRecord`), shipped from the gateway's local journal
 * in batches. The id comes from the gateway, so a replayed journal segment inserts nothing twice
 * (`ON CONFLICT (id) DO NOTHING`). No foreign keys: a record is history, kept for the raw retention
 * period (`INFERA_USAGE_RAW_RETENTION_DAYS`) whatever became of the key or service it names, and the
 * shipper's insert is the hottest write of the platform.
 */
export const usageRecords = pgTable(
  "usage_records",
  {
    id: text("id").primaryKey(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    tenantId: text("tenant_id").notNull(),
    projectId: text("project_id").notNull(),
    apiKeyId: text("api_key_id"),
    serviceId: text("service_id"),
    revisionId: text("revision_id"),
    modelVersionId: text("model_version_id"),
    endpoint: text("endpoint").notNull(),
    statusCode: integer("status_code").notNull(),
    promptTokens: integer("prompt_tokens").notNull(),
    completionTokens: integer("completion_tokens").notNull(),
    latencyMs: doublePrecision("latency_ms").notNull(),
    ttftMs: doublePrecision("ttft_ms"),
    tpotMs: doublePrecision("tpot_ms"),
    costEstimate: numeric("cost_estimate", { precision: 18, scale: 8, mode: "number" }),
    streamed: boolean("streamed").notNull(),
    /** When the shipper stored it: tells how far behind the journal runs. */
    shippedAt: timestamp("shipped_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index("usage_records_project_at_idx").on(t.projectId, t.at),
    index("usage_records_key_at_idx").on(t.apiKeyId, t.at),
    // The retention prune deletes by age.
    index("usage_records_at_idx").on(t.at),
  ],
);
