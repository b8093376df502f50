import { sql } from "drizzle-orm";
import { bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { tenants } from "./tenants.js";
import { users } from "./users.js";

/**
 * A person's notifications (the console's bell). `seq` comes from one sequence, and writers take a
 * per-user advisory lock before drawing it, so a user's seqs grow in commit order: a stream that sent
 * seq n never later sees a new row below n, and `Last-Event-ID` resumes without a gap. A sequence
 * never hands a number out twice, so deleting old rows cannot make a seq come back.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    kind: text("kind").notNull(),
    /** What the console puts into the kind's translated sentence (names, roles), never rendered text. */
    params: jsonb("params").$type<Record<string, unknown>>().notNull(),
    resourceType: text("resource_type").notNull(),
    resourceId: text("resource_id").notNull(),
    /** The tenant it happened in: its deletion takes the notification with it. */
    tenantId: text("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    /** No foreign key: "you were added to X" stays true after X is deleted (the link then 404s). */
    projectId: text("project_id"),
    readAt: timestamp("read_at", { withTimezone: true, precision: 3 }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    uniqueIndex("notifications_user_seq_key").on(t.userId, t.seq),
    // The unread count and the unread-only list read only this.
    index("notifications_user_unread_idx").on(t.userId, t.seq).where(sql`${t.readAt} is null`),
  ],
);
