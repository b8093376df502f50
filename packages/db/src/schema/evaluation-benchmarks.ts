import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { projects } from "./projects.js";
import { tenants } from "./tenants.js";

/**
 * A project's standard evaluation set: a dataset (its latest version when a run is created, or the
 * pinned `dataset_version_id`), how its records are read, and a run's defaults (metrics, sample limit,
 * generation). Dataset ids carry no foreign keys, like runs: core's reference kinds refuse deleting a
 * dataset (or a pinned version) a benchmark names. Runs made from it record `benchmark_id` as a plain
 * column, so deleting a benchmark touches no run. Names are unique in the project ignoring case.
 */
export const evaluationBenchmarks = pgTable(
  "evaluation_benchmarks",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    datasetId: text("dataset_id").notNull(),
    /** Null: the dataset's latest version, resolved when a run is created. */
    datasetVersionId: text("dataset_version_id"),
    promptField: text("prompt_field"),
    referenceField: text("reference_field"),
    sliceField: text("slice_field"),
    metrics: jsonb("metrics").$type<Record<string, unknown>[]>().notNull(),
    sampleLimit: integer("sample_limit"),
    generation: jsonb("generation").$type<Record<string, unknown>>(),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    uniqueIndex("evaluation_benchmarks_project_name_uq").on(t.projectId, sql`lower(${t.name})`),
    index("evaluation_benchmarks_project_idx").on(t.projectId, t.createdAt, t.id),
    index("evaluation_benchmarks_dataset_idx").on(t.datasetId),
    index("evaluation_benchmarks_version_idx").on(t.datasetVersionId),
  ],
);
