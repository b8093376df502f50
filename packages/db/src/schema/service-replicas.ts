import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { nodes } from "./nodes.js";
import { serviceRevisions } from "./service-revisions.js";

/**
 * One replica of a revision on a node: placed by the placement pass (`pending`, decision 0025), a
 * process its node's replica manager started (llama.cpp), from `starting` to `ready`, then
 * `stopping` → `stopped` or `failed`. `pid` is also the process group
 * (the replica leads its own), and `port` its loopback port: both internal, shown to admins only.
 * A restart after a crash keeps the row and counts it in `restart_count`; while it waits out its
 * backoff the row stays `starting` without a pid, `restart_at` saying when.
 */
export const serviceReplicas = pgTable(
  "service_replicas",
  {
    id: text("id").primaryKey(),
    revisionId: text("revision_id")
      .notNull()
      .references(() => serviceRevisions.id, { onDelete: "cascade" }),
    serviceId: text("service_id").notNull(),
    tenantId: text("tenant_id").notNull(),
    nodeId: text("node_id")
      .notNull()
      .references(() => nodes.id, { onDelete: "cascade" }),
    state: text("state", {
      enum: ["pending", "starting", "ready", "stopping", "stopped", "failed"],
    }).notNull(),
    /** The node's GPUs it holds (indices), chosen at placement; empty for a CPU class. */
    gpuIndices: jsonb("gpu_indices").$type<number[]>().notNull().default([]),
    port: integer("port"),
    pid: integer("pid"),
    startedAt: timestamp("started_at", { withTimezone: true, precision: 3 }),
    readyAt: timestamp("ready_at", { withTimezone: true, precision: 3 }),
    lastError: text("last_error"),
    restartCount: integer("restart_count").notNull().default(0),
    /** A crashed replica waits until then to be restarted (exponential backoff, kept across worker restarts). */
    restartAt: timestamp("restart_at", { withTimezone: true, precision: 3 }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    index("service_replicas_revision_idx").on(t.revisionId),
    index("service_replicas_node_state_idx").on(t.nodeId, t.state),
  ],
);
