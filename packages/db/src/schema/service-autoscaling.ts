import { integer, pgTable, primaryKey, real, text, timestamp } from "drizzle-orm/pg-core";
import { serviceRevisions } from "./service-revisions.js";

/**
 * The autoscaler's memory of one revision (decision 0028), kept in the database so a worker
 * restarted (or another node's worker) goes on where the last pass stopped: the replica count it
 * decided, since when the load has asked for fewer (`low_since`, and the most it asked for since:
 * the scale-down goes to that after `scale_down_delay_seconds`), the last demand from the gateway,
 * and an open cold start (demand on a revision with no ready replica) until a replica is ready.
 */
export const serviceAutoscaling = pgTable("service_autoscaling", {
  revisionId: text("revision_id")
    .primaryKey()
    .references(() => serviceRevisions.id, { onDelete: "cascade" }),
  desiredReplicas: integer("desired_replicas").notNull(),
  lowSince: timestamp("low_since", { withTimezone: true, precision: 3 }),
  lowPeak: integer("low_peak"),
  lastScaleAt: timestamp("last_scale_at", { withTimezone: true, precision: 3 }),
  lastDemandAt: timestamp("last_demand_at", { withTimezone: true, precision: 3 }),
  coldStartSince: timestamp("cold_start_since", { withTimezone: true, precision: 3 }),
  updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
});

/**
 * The load of a revision as one gateway process last reported it (`source`: that process), one row
 * per revision and source, overwritten each report: requests in flight now and requests per second
 * over its window. The autoscaler sums the fresh rows of a revision.
 */
export const serviceLoadSamples = pgTable(
  "service_load_samples",
  {
    revisionId: text("revision_id")
      .notNull()
      .references(() => serviceRevisions.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    inFlight: integer("in_flight").notNull(),
    requestsPerSecond: real("requests_per_second").notNull(),
    sampledAt: timestamp("sampled_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.revisionId, t.source] })],
);
