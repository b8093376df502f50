import {
  bigint,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { serviceRevisions } from "./service-revisions.js";

/** A latency histogram of one minute: counts by upper bound (cumulative, Prometheus `le`), the last being +Inf. */
export interface MinuteHistogram {
  bounds: number[];
  counts: number[];
  sum: number;
}

/**
 * One replica's minute of serving, written by the `services.metrics` scrape (decision 0027): what
 * its `/metrics` counters and the process's CPU time moved since the previous scrape, filed under the
 * minute the scrape ran in, and the gauges it read. `snapshot` keeps the cumulative values of the
 * last scrape, so the next one subtracts from the row it finds instead of from memory: a scrape cut
 * off before its commit leaves the snapshot where it was, and the next one counts the same requests
 * exactly once. Kept 7 days (`services.metrics_prune`).
 */
export const serviceMetricMinutes = pgTable(
  "service_metric_minutes",
  {
    replicaId: text("replica_id").notNull(),
    minute: timestamp("minute", { withTimezone: true, precision: 3 }).notNull(),
    tenantId: text("tenant_id").notNull(),
    serviceId: text("service_id").notNull(),
    revisionId: text("revision_id")
      .notNull()
      .references(() => serviceRevisions.id, { onDelete: "cascade" }),
    nodeId: text("node_id").notNull(),
    requests: integer("requests").notNull().default(0),
    errors: integer("errors").notNull().default(0),
    promptTokens: bigint("prompt_tokens", { mode: "number" }).notNull().default(0),
    generatedTokens: bigint("generated_tokens", { mode: "number" }).notNull().default(0),
    /** Request duration, time to first token and time per output token, in seconds. */
    histograms: jsonb("histograms")
      .$type<{ duration: MinuteHistogram; ttft: MinuteHistogram; tpot: MinuteHistogram }>()
      .notNull(),
    inFlight: integer("in_flight").notNull().default(0),
    queueDepth: integer("queue_depth").notNull().default(0),
    coldStarts: integer("cold_starts").notNull().default(0),
    /** Start → ready of this minute's cold starts, summed. */
    coldStartSeconds: doublePrecision("cold_start_seconds").notNull().default(0),
    /** CPU time the process used over `wall_seconds` of this minute's scrapes: their ratio is its CPU share. */
    cpuSeconds: doublePrecision("cpu_seconds").notNull().default(0),
    wallSeconds: doublePrecision("wall_seconds").notNull().default(0),
    memoryBytes: bigint("memory_bytes", { mode: "number" }).notNull().default(0),
    gpuMemoryBytes: bigint("gpu_memory_bytes", { mode: "number" }),
    gpuUtilization: doublePrecision("gpu_utilization"),
    snapshot: jsonb("snapshot").$type<Record<string, unknown>>().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.replicaId, t.minute] }),
    index("service_metric_minutes_service_idx").on(t.serviceId, t.minute),
    index("service_metric_minutes_minute_idx").on(t.minute),
  ],
);
