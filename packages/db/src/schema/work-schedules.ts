import { integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { nodes } from "./nodes.js";

/**
 * A recurring job (housekeeping): every `interval_seconds` one work item of `kind` is enqueued. The
 * worker that advances `next_run_at` (a conditional update, so only one of many does) enqueues it,
 * in the same transaction, with the idempotency key `schedule:<name>:<slot>`. A node's own schedule
 * (`target_node_id`, decision 0033) is ticked only by that node's worker and its items are targeted
 * at that node; it goes with the node.
 */
export const workSchedules = pgTable("work_schedules", {
  name: text("name").primaryKey(),
  kind: text("kind").notNull(),
  payload: jsonb("payload").notNull(),
  intervalSeconds: integer("interval_seconds").notNull(),
  nextRunAt: timestamp("next_run_at", { withTimezone: true }).notNull(),
  targetNodeId: text("target_node_id").references(() => nodes.id, { onDelete: "cascade" }),
  lastEnqueuedAt: timestamp("last_enqueued_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
