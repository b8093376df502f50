import { z } from "zod";
import { freeText, ListQuery, lineField, nameField, Timestamp } from "./common.js";
import { GenerationParams, MetricConfig } from "./evaluations.js";

/**
 * Evaluation benchmarks (issue 13, seed 001's "standard evaluation sets"): a project's named dataset
 * with how its records are read and a run's defaults. A run made with `benchmark_id` takes the
 * dataset's latest version at creation (or the pinned `dataset_version_id`), the fields, and — unless
 * the request gives them — the metrics, sample limit and generation parameters.
 */
export const EvaluationBenchmark = z.object({
  id: z.string(),
  tenant_id: z.string(),
  project_id: z.string(),
  /** Unique in the project, ignoring case. */
  name: z.string(),
  description: z.string(),
  dataset_id: z.string(),
  /** Null: the dataset's latest version when a run is created. */
  dataset_version_id: z.string().nullable(),
  prompt_field: z.string().nullable(),
  reference_field: z.string().nullable(),
  slice_field: z.string().nullable(),
  metrics: z.array(MetricConfig),
  sample_limit: z.number().int().nullable(),
  generation: GenerationParams.nullable(),
  created_by: z.string().nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type EvaluationBenchmark = z.infer<typeof EvaluationBenchmark>;

const benchmarkFields = {
  name: nameField(1, 100),
  description: freeText(1000, { trim: true }),
  /** A dataset of this project. */
  dataset_id: z.string().max(100),
  /** A version of that dataset to pin; null or absent: its latest version at each run. */
  dataset_version_id: z.string().max(100).nullable(),
  /** Same meaning as on a run: for records with other shapes, which field holds the prompt and which the reference. */
  prompt_field: lineField(100).nullable(),
  reference_field: lineField(100).nullable(),
  slice_field: lineField(100).nullable(),
  metrics: z.array(MetricConfig).min(1).max(20),
  sample_limit: z.number().int().min(1).max(100_000).nullable(),
  generation: GenerationParams.nullable(),
};

export const CreateEvaluationBenchmarkInput = z
  .object({
    name: benchmarkFields.name,
    description: benchmarkFields.description.default(""),
    dataset_id: benchmarkFields.dataset_id,
    dataset_version_id: benchmarkFields.dataset_version_id.default(null),
    prompt_field: benchmarkFields.prompt_field.default(null),
    reference_field: benchmarkFields.reference_field.default(null),
    slice_field: benchmarkFields.slice_field.default(null),
    metrics: benchmarkFields.metrics.default([{ name: "exact_match" }]),
    sample_limit: benchmarkFields.sample_limit.default(null),
    generation: benchmarkFields.generation.default(null),
  })
  .strict();
export type CreateEvaluationBenchmarkInput = z.infer<typeof CreateEvaluationBenchmarkInput>;

/** Omitted fields stay; null clears a nullable one (a pinned version back to "latest"). */
export const UpdateEvaluationBenchmarkInput = z
  .object({
    name: benchmarkFields.name.optional(),
    description: benchmarkFields.description.optional(),
    dataset_id: benchmarkFields.dataset_id.optional(),
    dataset_version_id: benchmarkFields.dataset_version_id.optional(),
    prompt_field: benchmarkFields.prompt_field.optional(),
    reference_field: benchmarkFields.reference_field.optional(),
    slice_field: benchmarkFields.slice_field.optional(),
    metrics: benchmarkFields.metrics.optional(),
    sample_limit: benchmarkFields.sample_limit.optional(),
    generation: benchmarkFields.generation.optional(),
  })
  .strict();
export type UpdateEvaluationBenchmarkInput = z.infer<typeof UpdateEvaluationBenchmarkInput>;

export const EvaluationBenchmarkListQuery = ListQuery.extend({
  dataset_id: z.string().max(100).optional(),
});
export type EvaluationBenchmarkListQuery = z.infer<typeof EvaluationBenchmarkListQuery>;
