import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { services } from "./services.js";

/**
 * An immutable revision of a service: its configuration never changes (a change is a new revision,
 * numbered 1..n per service). Only its traffic share and current state move. `config_hash` is the
 * sha256 of the configuration's canonical JSON; an upstream API key is kept sealed (AES-256-GCM with
 * the installation's secrets key), never in `config`.
 */
export const serviceRevisions = pgTable(
  "service_revisions",
  {
    id: text("id").primaryKey(),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    tenantId: text("tenant_id").notNull(),
    projectId: text("project_id").notNull(),
    number: integer("number").notNull(),
    config: jsonb("config").$type<Record<string, unknown>>().notNull(),
    configHash: text("config_hash").notNull(),
    /** From the config, as columns: the list filters on them and model deletes find them. */
    modelVersionId: text("model_version_id").notNull(),
    baseModelVersionId: text("base_model_version_id"),
    runtimeKind: text("runtime_kind").notNull(),
    sealedApiKey: text("sealed_api_key"),
    /** Its share of the service's traffic, 0–100; a service's shares sum to 100 (or all 0). */
    trafficPercent: integer("traffic_percent").notNull().default(0),
    currentState: text("current_state", {
      enum: ["pending", "downloading", "starting", "ready", "inactive", "failed"],
    }).notNull(),
    stateSince: timestamp("state_since", { withTimezone: true, precision: 3 }).notNull(),
    failureReason: text("failure_reason"),
    waitReason: text("wait_reason"),
    /**
     * Health checks of an upstream (openai-compatible) failed in a row; the revision fails after a
     * few and comes back to ready at the first that answers (decision 0025).
     */
    upstreamFailures: integer("upstream_failures").notNull().default(0),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    uniqueIndex("service_revisions_number_key").on(t.serviceId, t.number),
    index("service_revisions_model_version_idx").on(t.modelVersionId),
    index("service_revisions_base_version_idx").on(t.baseModelVersionId),
  ],
);
