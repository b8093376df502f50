import { index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { tenants } from "./tenants.js";

/**
 * Which blobs a tenant holds: the blob store is shared and deduplicated, so this row (not the
 * store) decides whether a tenant may name a digest in a version. Written when an upload completes
 * in the tenant and when a version of the tenant registers a file; released by garbage collection
 * once nothing of the tenant references the blob any more (docs/decisions/0006-blob-store.md).
 */
export const tenantBlobs = pgTable(
  "tenant_blobs",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    sha256: text("sha256").notNull(),
    /** How the tenant first came to hold it. */
    source: text("source", { enum: ["upload", "model_version", "dataset_version", "checkpoint"] }).notNull(),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
    /** Refreshed by every registration: a row seen within the grace period is never released. */
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.sha256] }), index("tenant_blobs_sha_idx").on(t.sha256)],
);
