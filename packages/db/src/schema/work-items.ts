import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * One unit of work of the workload plane's queue (decision 0013): queued until `run_after`, then
 * leased by one worker until `lease_expires_at` (renewed by heartbeats), and finally `succeeded` or
 * `dead` (its last attempt failed, or its lease expired once too often). A lease that expires is
 * taken again by the next worker that asks, as a new attempt.
 */
export const workItems = pgTable(
  "work_items",
  {
    id: text("id").primaryKey(),
    /** A kind of the job catalog (packages/contracts/src/jobs.ts). */
    kind: text("kind").notNull(),
    payload: jsonb("payload").notNull(),
    status: text("status", { enum: ["queued", "leased", "succeeded", "dead"] })
      .notNull()
      .default("queued"),
    /** Higher runs first; equal priorities run in `run_after` order. */
    priority: integer("priority").notNull().default(0),
    runAfter: timestamp("run_after", { withTimezone: true }).notNull().defaultNow(),
    /** Attempts started so far (a lease taken is an attempt). */
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull(),
    /** The kind's lease at enqueue time; every lease and heartbeat runs it from the database's clock. */
    leaseSeconds: real("lease_seconds").notNull(),
    leaseOwner: text("lease_owner"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }),
    lastError: text("last_error"),
    /**
     * The node whose worker must run it (a training run placed on that node's capacity); null: any
     * worker of the kind. A worker leases only untargeted items and its own node's.
     */
    targetNode: text("target_node"),
    /** Enqueueing the same kind and key again returns the existing item. */
    idempotencyKey: text("idempotency_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("work_items_kind_idempotency_key_idx")
      .on(t.kind, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} IS NOT NULL`),
    // The lease query's two ways in: ready items in the order they are taken, and expired leases.
    index("work_items_ready_idx").on(t.priority.desc(), t.runAfter, t.id).where(sql`${t.status} = 'queued'`),
    index("work_items_leased_idx").on(t.leaseExpiresAt).where(sql`${t.status} = 'leased'`),
    // Pruning finished items by age.
    index("work_items_finished_idx").on(t.status, t.finishedAt).where(sql`${t.finishedAt} IS NOT NULL`),
  ],
);
