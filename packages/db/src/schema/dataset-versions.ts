import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { datasets } from "./datasets.js";

/** The record shapes a version may arrive in (contracts' `DatasetShape`). */
const DATASET_SHAPES = [
  "chat",
  "prompt_completion",
  "text",
  "preference",
  "alpaca",
  "alpaca_preference",
  "sharegpt",
  "sharegpt_preference",
  "openai_preference",
] as const;

/**
 * An immutable version of a dataset: numbered 1, 2, 3… per dataset, its files (in order) never
 * change. Holds what validation found (rows, schema, token statistics), the keep-valid-only choice,
 * and for a split part its parent version, role and parameters (lineage).
 */
export const datasetVersions = pgTable(
  "dataset_versions",
  {
    id: text("id").primaryKey(),
    datasetId: text("dataset_id")
      .notNull()
      .references(() => datasets.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    /** The internal form of the records (what token statistics and the trainer read). */
    format: text("format", { enum: ["chat", "prompt_completion", "text", "preference"] }).notNull(),
    /**
     * The records' shape as uploaded; every version written since migration dataset_shapes has one
     * (older rows were backfilled with their format).
     */
    shape: text("shape", { enum: DATASET_SHAPES }),
    /** Target field ← source column the files are read with; null: none. */
    mapping: jsonb("mapping").$type<Record<string, string> | null>(),
    /** sha256 over the files' `name:sha256` lines in order. */
    digest: text("digest").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    /** Valid rows (the version's records). */
    rows: integer("rows").notNull(),
    schema: jsonb("schema").$type<Record<string, unknown>>().notNull(),
    tokenStats: jsonb("token_stats").$type<Record<string, unknown> | null>(),
    /** Counts of the validation pass over the uploaded files (total, valid, invalid, blank lines). */
    validation: jsonb("validation").$type<Record<string, unknown>>().notNull(),
    /** The full error report (JSONL) of the rows dropped by keep-valid-only; null when none were. */
    reportSha256: text("report_sha256"),
    keptValidOnly: boolean("kept_valid_only").notNull().default(false),
    droppedRows: integer("dropped_rows").notNull().default(0),
    tokenizer: text("tokenizer"),
    baseModelVersionId: text("base_model_version_id"),
    maxLength: integer("max_length"),
    parentVersionId: text("parent_version_id"),
    splitRole: text("split_role", { enum: ["train", "validation"] }),
    splitParams: jsonb("split_params").$type<Record<string, unknown> | null>(),
    /**
     * Where a version made by the platform came from (lineage), e.g. a side-by-side evaluation's
     * preference export: `{kind: "evaluation_preferences", evaluation_run_id, targets, …}`; null for
     * uploaded and split versions (a split's lineage is `parent_version_id`).
     */
    source: jsonb("source").$type<Record<string, unknown> | null>(),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("dataset_versions_number_uq").on(t.datasetId, t.number),
    index("dataset_versions_parent_idx").on(t.parentVersionId),
  ],
);
