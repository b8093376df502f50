import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** One GPU of a node as `nvidia-smi` reported it at the worker's start. */
export interface NodeGpuRow {
  index: number;
  model: string;
  /** Null when the driver did not say (`[N/A]`). */
  memory_bytes: number | null;
}

/**
 * A machine that runs work (decision 0016): registered by its worker at start, one row per `name`
 * (INFERA_NODE_NAME, default the hostname), so a restarted process — killed with -9 or not — is the
 * same node and takes back the work placed on it. `last_seen_at` is refreshed from the worker's
 * loop: a node not seen within the grace (INFERA_NODE_OFFLINE_SECONDS) is offline, and the
 * scheduler requeues its jobs elsewhere. A draining node keeps its jobs but gets no new ones.
 */
export const nodes = pgTable(
  "nodes",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull().unique(),
    /** The roles its process runs (`api`, `worker`). */
    roles: jsonb("roles").$type<string[]>().notNull().default([]),
    cpus: integer("cpus").notNull(),
    memoryBytes: bigint("memory_bytes", { mode: "number" }).notNull(),
    gpus: jsonb("gpus").$type<NodeGpuRow[]>().notNull().default([]),
    /** The Infera version its process runs. */
    version: text("version").notNull(),
    labels: jsonb("labels").$type<Record<string, string>>().notNull().default({}),
    draining: boolean("draining").notNull().default(false),
    /**
     * Service replicas it runs at most (its worker's INFERA_MAX_REPLICAS; 0: it runs none). The
     * replica placement pass reads it: every worker may run that pass for all nodes (decision 0025).
     */
    maxReplicas: integer("max_replicas").notNull().default(0),
    /**
     * Where other nodes reach this one's replicas (INFERA_NODE_ADDRESS, default 127.0.0.1): the
     * gateway forwards to `address:port` of a ready replica; a replica binds this address.
     */
    address: text("address").notNull().default("127.0.0.1"),
    /** When its current process started (a restart moves it). */
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("nodes_last_seen_idx").on(t.lastSeenAt)],
);
