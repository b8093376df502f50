import { index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { datasets } from "./datasets.js";

/**
 * One validation of uploaded files that created no version (a dry run, or an invalid upload): its
 * summary and its full error report (a JSONL blob), kept until `expires_at` so the report can be
 * downloaded while the user decides to keep the valid rows or upload a corrected file.
 */
export const datasetValidationRuns = pgTable(
  "dataset_validation_runs",
  {
    id: text("id").primaryKey(),
    datasetId: text("dataset_id")
      .notNull()
      .references(() => datasets.id, { onDelete: "cascade" }),
    /** The files as given: name, upload id or sha256, size. */
    files: jsonb("files").$type<Record<string, unknown>[]>().notNull(),
    summary: jsonb("summary").$type<Record<string, unknown>>().notNull(),
    reportSha256: text("report_sha256"),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("dataset_validation_runs_dataset_idx").on(t.datasetId, t.createdAt)],
);
