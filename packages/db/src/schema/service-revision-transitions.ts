import { integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { serviceRevisions } from "./service-revisions.js";

/** Every state change of a revision, numbered per revision (from is null at its creation): how long each state lasted. */
export const serviceRevisionTransitions = pgTable(
  "service_revision_transitions",
  {
    revisionId: text("revision_id")
      .notNull()
      .references(() => serviceRevisions.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    fromState: text("from_state"),
    toState: text("to_state").notNull(),
    reason: text("reason").notNull(),
    /** The user or service account that caused it; null for the platform (replica manager). */
    actorId: text("actor_id"),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.revisionId, t.seq] })],
);
