import type { CreateEvaluationInput, GenerationParams, MetricConfig } from "@infera/contracts";
import { desc, eq, tables } from "@infera/db";
import { authorize } from "../../authz/authorize.js";
import { DomainError } from "../../shared/errors.js";
import type { TxContext } from "../../shared/transaction.js";
import { type BenchmarkRow, benchmarkInProject } from "./benchmark-access.js";

/** A create request with every default filled in: what the run stores as its configuration. */
export type EffectiveEvaluationInput = CreateEvaluationInput & {
  metrics: MetricConfig[];
  generation: GenerationParams;
};

const DEFAULT_METRICS: MetricConfig[] = [{ name: "exact_match" }];
const DEFAULT_GENERATION: GenerationParams = { temperature: 0, top_p: 1, max_tokens: 64 };

/** The platform's defaults for what a request without a benchmark leaves out. */
export function withRunDefaults<T extends Pick<CreateEvaluationInput, "metrics" | "generation">>(
  input: T,
): T & { metrics: MetricConfig[]; generation: GenerationParams } {
  return {
    ...input,
    metrics: input.metrics ?? DEFAULT_METRICS,
    generation: input.generation ?? DEFAULT_GENERATION,
  };
}

const unprocessable = (message: string, field: string) =>
  new DomainError("unprocessable_content", message, { field });

/**
 * The request as the run will store it. With `benchmark_id` (a benchmark of this project, else
 * not_found): the benchmark's dataset version — the pinned one, or its dataset's latest version now —
 * and, for each of fields, metrics, sample limit and generation the request leaves out, the
 * benchmark's. Without: the platform's defaults. The data itself is checked afterwards, as for any run.
 */
export async function applyBenchmark(
  tx: TxContext,
  input: CreateEvaluationInput,
  projectId: string,
): Promise<{ input: EffectiveEvaluationInput; benchmark: BenchmarkRow | null }> {
  if (input.benchmark_id === undefined) return { input: withRunDefaults(input), benchmark: null };
  if (input.dataset_version_id !== undefined || input.prompts !== undefined)
    throw unprocessable(
      "benchmark_id brings its own data: give benchmark_id, dataset_version_id or prompts (one of them)",
      "benchmark_id",
    );
  await authorize(tx, "evaluation.benchmark.read", { projectId });
  const benchmark = await benchmarkInProject(tx, projectId, input.benchmark_id);
  const versionId = benchmark.datasetVersionId ?? (await latestVersionId(tx, benchmark));
  const pick = <T>(given: T | undefined, fromBenchmark: T | null): T | undefined =>
    given !== undefined ? given : (fromBenchmark ?? undefined);
  const fields = {
    prompt_field: pick(input.prompt_field, benchmark.promptField),
    reference_field: pick(input.reference_field, benchmark.referenceField),
    slice_field: pick(input.slice_field, benchmark.sliceField),
    sample_limit: pick(input.sample_limit, benchmark.sampleLimit),
  };
  return {
    input: {
      ...input,
      benchmark_id: benchmark.id,
      dataset_version_id: versionId,
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      metrics: input.metrics ?? (benchmark.metrics as MetricConfig[]),
      generation: input.generation ?? (benchmark.generation as GenerationParams | null) ?? DEFAULT_GENERATION,
    },
    benchmark,
  };
}

async function latestVersionId(tx: TxContext, benchmark: BenchmarkRow): Promise<string> {
  const v = tables.datasetVersions;
  const [latest] = await tx.db
    .select({ id: v.id })
    .from(v)
    .where(eq(v.datasetId, benchmark.datasetId))
    .orderBy(desc(v.number))
    .limit(1);
  if (!latest)
    throw unprocessable(
      `benchmark "${benchmark.name}" reads dataset ${benchmark.datasetId}, which has no version yet`,
      "benchmark_id",
    );
  return latest.id;
}
