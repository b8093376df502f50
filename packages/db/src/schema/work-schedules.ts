import { integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * A recurring job (housekeeping): every `interval_seconds` one work item of `kind` is enqueued. The
 * worker that advances `next_run_at` (a conditional update, so only one of many does) enqueues it,
 * in the same transaction, with the idempotency key `schedule:<name>:<slot>`.
 */
export const workSchedules = pgTable("work_schedules", {
  name: text("name").primaryKey(),
  kind: text("kind").notNull(),
  payload: jsonb("payload").notNull(),
  intervalSeconds: integer("interval_seconds").notNull(),
  nextRunAt: timestamp("next_run_at", { withTimezone: true }).notNull(),
  lastEnqueuedAt: timestamp("last_enqueued_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
