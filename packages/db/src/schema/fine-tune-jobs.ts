import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { projects } from "./projects.js";
import { tenants } from "./tenants.js";

/**
 * A fine-tuning job: its configuration as submitted (defaults filled), the ids it resolved to at
 * submission, and where it stands. The resolved ids carry no foreign keys: reference kinds in core
 * refuse deleting a version a job uses, and a job's history outlives nothing it names.
 */
export const fineTuneJobs = pgTable(
  "fine_tune_jobs",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name"),
    status: text("status", {
      enum: ["queued", "starting", "running", "canceling", "succeeded", "failed", "canceled"],
    }).notNull(),
    /** Higher runs first; FIFO by queued_at inside a priority. */
    priority: integer("priority").notNull().default(0),
    config: jsonb("config").$type<Record<string, unknown>>().notNull(),
    stage: text("stage", { enum: ["sft", "pretrain"] }).notNull(),
    method: text("method", { enum: ["lora", "full"] }).notNull(),
    baseModelId: text("base_model_id").notNull(),
    baseModelVersionId: text("base_model_version_id").notNull(),
    datasetId: text("dataset_id").notNull(),
    datasetVersionId: text("dataset_version_id").notNull(),
    validationDatasetVersionId: text("validation_dataset_version_id"),
    runtime: text("runtime").notNull(),
    resourceClass: text("resource_class").notNull(),
    gpuCount: integer("gpu_count").notNull().default(0),
    /** The model that gets the result: set for an existing model, null until a new one is created. */
    outputModelId: text("output_model_id"),
    /** The new model's name when the job creates one. */
    outputModelName: text("output_model_name"),
    artifactType: text("artifact_type", { enum: ["full", "adapter", "merged"] }).notNull(),
    resultModelVersionId: text("result_model_version_id"),
    /** Once succeeded: the final training and validation metrics (contracts' TrainingMetrics). */
    finalMetrics: jsonb("final_metrics").$type<Record<string, number | null>>(),
    failureReason: text("failure_reason"),
    failureMessage: text("failure_message"),
    failureSuggestion: text("failure_suggestion"),
    /** The runtime's latest progress report (step, total steps, epoch, ETA), for lists and the overview. */
    progress: jsonb("progress").$type<Record<string, unknown>>(),
    /** When retention removed the job's workspace and log lines (null while they are kept). */
    workspaceRemovedAt: timestamp("workspace_removed_at", { withTimezone: true }),
    /** The node the scheduler placed its current attempt on (null while queued, or placed before nodes). */
    nodeId: text("node_id"),
    /** The GPUs of that node the attempt holds (CUDA_VISIBLE_DEVICES). */
    gpuIndices: jsonb("gpu_indices").$type<number[]>(),
    /** Why the last scheduling pass left it queued (`no_capacity`, `no_node_fits`, a limit…). */
    waitReason: text("wait_reason"),
    /** 1 for the first run; a retry or a resume after a lost node adds one. */
    attempt: integer("attempt").notNull().default(1),
    /** The template it was created from (no foreign key: deleting the template leaves the job as it is). */
    templateId: text("template_id"),
    /** The user or service account id that submitted it. */
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    queuedAt: timestamp("queued_at", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // What each node holds: its active jobs (capacity, offline nodes).
    index("fine_tune_jobs_node_idx").on(t.nodeId, t.status).where(sql`${t.nodeId} is not null`),
    // The list (newest first) and its filters.
    index("fine_tune_jobs_project_idx").on(t.projectId, t.createdAt, t.id),
    index("fine_tune_jobs_project_status_idx").on(t.projectId, t.status, t.createdAt, t.id),
    index("fine_tune_jobs_project_creator_idx").on(t.projectId, t.createdBy, t.createdAt, t.id),
    // The scheduler's scan: queued jobs by priority, then first come first served.
    index("fine_tune_jobs_queue_idx").on(t.status, sql`${t.priority} desc`, t.queuedAt, t.id),
    // What references a dataset or model version (deleting one a job uses is refused).
    index("fine_tune_jobs_dataset_version_idx").on(t.datasetVersionId),
    index("fine_tune_jobs_validation_version_idx").on(t.validationDatasetVersionId),
    index("fine_tune_jobs_base_version_idx").on(t.baseModelVersionId),
    index("fine_tune_jobs_output_model_idx").on(t.outputModelId),
    // The recent successes that estimate queue waits and durations.
    index("fine_tune_jobs_finished_idx").on(t.status, t.finishedAt),
    // Retention's scan: finished jobs whose workspace is still kept, oldest first.
    index("fine_tune_jobs_retention_idx")
      .on(t.finishedAt)
      .where(sql`${t.workspaceRemovedAt} is null and ${t.finishedAt} is not null`),
  ],
);
