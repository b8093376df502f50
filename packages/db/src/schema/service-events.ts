import { index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { services } from "./services.js";

/** What happened to a service, newest last: deployed, failed, traffic moved, scaled, cold starts. */
export const serviceEvents = pgTable(
  "service_events",
  {
    id: text("id").primaryKey(),
    serviceId: text("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    revisionId: text("revision_id"),
    type: text("type").notNull(),
    message: text("message").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    actorId: text("actor_id"),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index("service_events_service_idx").on(t.serviceId, t.at, t.id)],
);
