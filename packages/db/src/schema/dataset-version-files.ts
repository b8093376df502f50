import { bigint, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { datasetVersions } from "./dataset-versions.js";

/** The files of a dataset version, in order (`position`), each a blob named by its sha256. */
export const datasetVersionFiles = pgTable(
  "dataset_version_files",
  {
    versionId: text("version_id")
      .notNull()
      .references(() => datasetVersions.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    sha256: text("sha256").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    lines: integer("lines").notNull(),
    /** How the file stores its records: jsonl, json (one array), csv or parquet (each maybe gzipped). */
    container: text("container", { enum: ["jsonl", "json", "csv", "parquet"] })
      .notNull()
      .default("jsonl"),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.position] }),
    index("dataset_version_files_sha_idx").on(t.sha256),
  ],
);
