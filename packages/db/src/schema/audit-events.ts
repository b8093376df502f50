import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * Append-only: no code path updates or deletes rows, and a trigger refuses it. Each row carries the
 * hash of the previous row of its chain (one chain per tenant) so an edit made behind our back shows.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: text("id").primaryKey(),
    chainKey: text("chain_key").notNull(),
    chainSeq: bigint("chain_seq", { mode: "number" }).notNull(),
    tenantId: text("tenant_id"),
    projectId: text("project_id"),
    actorType: text("actor_type", { enum: ["user", "service_account", "api_key", "system"] }).notNull(),
    actorId: text("actor_id"),
    actorLabel: text("actor_label"),
    action: text("action").notNull(),
    resourceType: text("resource_type").notNull(),
    resourceId: text("resource_id").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    before: jsonb("before"),
    after: jsonb("after"),
    requestId: text("request_id"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    uniqueIndex("audit_chain_seq_key").on(t.chainKey, t.chainSeq),
    index("audit_tenant_time_idx").on(t.tenantId, t.createdAt, t.id),
    index("audit_project_time_idx").on(t.projectId, t.createdAt, t.id),
    // One per list filter of the tenant's log, each ending in the list's order: a filtered page of 50
    // reads ~50 index entries however rare the match, and the plan does not depend on statistics
    // (the embedded PGlite has no autovacuum, so it usually has none).
    index("audit_tenant_project_time_idx").on(t.tenantId, t.projectId, t.createdAt, t.id),
    index("audit_tenant_action_time_idx").on(t.tenantId, t.action, t.createdAt, t.id),
    index("audit_tenant_resource_type_time_idx").on(t.tenantId, t.resourceType, t.createdAt, t.id),
    index("audit_tenant_actor_id_time_idx").on(t.tenantId, t.actorId, t.createdAt, t.id),
    index("audit_tenant_actor_label_time_idx").on(t.tenantId, t.actorLabel, t.createdAt, t.id),
  ],
);
