import { bigint, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { projects } from "./projects.js";

/**
 * A tus resumable upload: its bytes collect in a temporary file until `byte_offset` reaches
 * `length`, then they are committed to the blob store under `sha256` and the file is removed.
 */
export const uploads = pgTable(
  "uploads",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    /** The user or service account id that created it. */
    createdBy: text("created_by"),
    filename: text("filename").notNull(),
    contentType: text("content_type"),
    /** Declared total length (Upload-Length). */
    length: bigint("length", { mode: "number" }).notNull(),
    /** Bytes received and flushed to the temporary file. */
    byteOffset: bigint("byte_offset", { mode: "number" }).notNull().default(0),
    state: text("state", { enum: ["uploading", "complete", "failed", "expired", "canceled"] })
      .notNull()
      .default("uploading"),
    /** The client's sha256 to check on completion, when it sent one. */
    expectedSha256: text("expected_sha256"),
    /** Digest of the received bytes, which is also the blob store's name for them (set when complete). */
    sha256: text("sha256"),
    failure: text("failure"),
    /** Set when a feature (a model or dataset version) took the completed upload. */
    takenAt: timestamp("taken_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("uploads_project_idx").on(t.projectId, t.createdAt, t.id),
    index("uploads_state_expires_idx").on(t.state, t.expiresAt),
  ],
);
