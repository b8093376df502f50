import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { services } from "./services.js";

/**
 * The output of a service's replicas, one row a line, shipped by the worker of the replica's node
 * from the replica's log file (`<replicaId>.log` in its run folder): the server reads logs of every
 * node from here, never from a node's disk. `seq` is per service, drawn under a per-service advisory
 * lock held to commit, so seqs follow commit order (a live stream resumes after a seq with no gap).
 * `offset_end` is where the line ends in its file: the next shipment of that replica starts at the
 * highest one, committed with the lines, so a worker killed mid-shipment neither loses nor repeats.
 */
export const serviceReplicaLogs = pgTable(
  "service_replica_logs",
  {
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    tenantId: text("tenant_id").notNull(),
    /** No foreign key: a replica's lines outlive its row's cleanup. */
    replicaId: text("replica_id").notNull(),
    revisionId: text("revision_id").notNull(),
    revisionNumber: integer("revision_number").notNull(),
    /** The line's own time (`time` of infera-serve's JSON lines), else when it was shipped. */
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    /** debug, info, warn or error. */
    level: text("level").notNull(),
    /** The line's message (`msg` of a JSON line, the whole line otherwise). */
    message: text("message").notNull(),
    /** The line as the replica wrote it (a JSON line's other fields are kept for the download). */
    line: text("line").notNull(),
    offsetEnd: bigint("offset_end", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.serviceId, t.seq] }),
    index("service_replica_logs_replica_idx").on(t.replicaId, t.offsetEnd),
    index("service_replica_logs_at_idx").on(t.serviceId, t.at),
  ],
);
