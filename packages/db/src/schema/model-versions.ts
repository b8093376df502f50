import { bigint, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { models } from "./models.js";

/** An immutable version of a model: its files never change; a new upload is a new version. */
export const modelVersions = pgTable(
  "model_versions",
  {
    id: text("id").primaryKey(),
    modelId: text("model_id")
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    artifactType: text("artifact_type", { enum: ["full", "adapter", "merged"] }).notNull(),
    format: text("format", { enum: ["safetensors", "gguf", "bin"] }).notNull(),
    formats: jsonb("formats").$type<string[]>().notNull(),
    digest: text("digest").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    source: text("source", { enum: ["upload", "fine_tune", "system", "import"] }).notNull(),
    baseModelVersionId: text("base_model_version_id"),
    sourceJobId: text("source_job_id"),
    /** A fine-tuned version's training dataset version and final metrics (contracts' TrainingMetrics). */
    sourceDatasetVersionId: text("source_dataset_version_id"),
    trainingMetrics: jsonb("training_metrics").$type<Record<string, number | null>>(),
    license: text("license").notNull().default(""),
    notes: text("notes").notNull().default(""),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull(),
    architecture: text("architecture"),
    parameterCount: bigint("parameter_count", { mode: "number" }),
    contextLength: integer("context_length"),
    quantization: text("quantization"),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("model_versions_model_idx").on(t.modelId, t.createdAt, t.id),
    index("model_versions_base_idx").on(t.baseModelVersionId),
  ],
);
