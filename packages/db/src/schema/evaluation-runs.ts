import { boolean, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { projects } from "./projects.js";
import { tenants } from "./tenants.js";

/**
 * An evaluation run (issue 13): its targets as resolved at creation (`targets`, the contracts'
 * `EvaluationTarget[]`), its configuration (`config`: data fields, metrics, sample limit, seed,
 * generation parameters, gate rule ids), progress, and — once done — the summary with intervals and
 * the gate's verdict. Target and dataset ids carry no foreign keys, like fine-tuning jobs: reference
 * kinds in core refuse deleting what a run names.
 */
export const evaluationRuns = pgTable(
  "evaluation_runs",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["automatic", "side_by_side", "gate"] }).notNull(),
    name: text("name"),
    status: text("status", {
      enum: ["queued", "running", "canceling", "succeeded", "failed", "canceled"],
    }).notNull(),
    targets: jsonb("targets").$type<Record<string, unknown>[]>().notNull(),
    /** The evaluated model version (target `a` when it is one): what the release gate's finder looks up. */
    modelVersionId: text("model_version_id"),
    datasetId: text("dataset_id"),
    datasetVersionId: text("dataset_version_id"),
    config: jsonb("config").$type<Record<string, unknown>>().notNull(),
    samplesTotal: integer("samples_total"),
    samplesDone: integer("samples_done").notNull().default(0),
    summary: jsonb("summary").$type<Record<string, unknown>>(),
    gate: jsonb("gate").$type<Record<string, unknown>>(),
    /** Set with `gate` at the end of a gate run; null for other kinds and while running. */
    gatePassed: boolean("gate_passed"),
    error: text("error"),
    rerunOf: text("rerun_of"),
    /** The benchmark the run was made from (a plain column: deleting the benchmark keeps the run). */
    benchmarkId: text("benchmark_id"),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("evaluation_runs_project_idx").on(t.projectId, t.createdAt, t.id),
    index("evaluation_runs_version_idx").on(t.modelVersionId, t.gatePassed),
    index("evaluation_runs_benchmark_idx").on(t.benchmarkId),
  ],
);
