import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { webhooks } from "./webhooks.js";

export interface WebhookAttemptRecord {
  attempt: number;
  at: string;
  response_status: number | null;
  error: string | null;
  duration_ms: number;
}

/**
 * One event sent (or to be sent) to one webhook, with the outcome of its latest attempt. Each attempt
 * is a work item of the queue (`webhook.deliver`), so a delivery survives a crashed worker.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    webhookId: text("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    tenantId: text("tenant_id").notNull(),
    projectId: text("project_id").notNull(),
    eventType: text("event_type").notNull(),
    eventId: text("event_id").notNull(),
    /** The body sent: `{ id, type, created_at, data }`. */
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: ["pending", "succeeded", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** Attempts in all before the delivery ends failed (fixed when it is created). */
    maxAttempts: integer("max_attempts").notNull(),
    lastResponseStatus: integer("last_response_status"),
    /** At most 2 KB of the receiver's answer. */
    lastResponseBody: text("last_response_body"),
    lastError: text("last_error"),
    lastDurationMs: integer("last_duration_ms"),
    /** Every attempt's outcome, oldest first: `{ attempt, at, status, error, duration_ms }`. */
    attemptLog: jsonb("attempt_log").$type<WebhookAttemptRecord[]>().notNull().default([]),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true, precision: 3 }),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, precision: 3 }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  // A webhook's deliveries, newest first.
  (t) => [index("webhook_deliveries_webhook_idx").on(t.webhookId, t.createdAt, t.id)],
);
