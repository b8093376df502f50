import type { Action, EvaluationBenchmark, GenerationParams, MetricConfig } from "@infera/contracts";
import { and, eq, tables } from "@infera/db";
import { type Access, authorize } from "../../authz/authorize.js";
import type { ServiceContext } from "../../shared/context.js";
import { DomainError, notFound } from "../../shared/errors.js";

export type BenchmarkRow = typeof tables.evaluationBenchmarks.$inferSelect;

const BENCHMARK_ID = /^ebm_[0-9a-z]{26}$/;

export function toEvaluationBenchmark(r: BenchmarkRow): EvaluationBenchmark {
  return {
    id: r.id,
    tenant_id: r.tenantId,
    project_id: r.projectId,
    name: r.name,
    description: r.description,
    dataset_id: r.datasetId,
    dataset_version_id: r.datasetVersionId,
    prompt_field: r.promptField,
    reference_field: r.referenceField,
    slice_field: r.sliceField,
    metrics: r.metrics as MetricConfig[],
    sample_limit: r.sampleLimit,
    generation: (r.generation as GenerationParams | null) ?? null,
    created_by: r.createdBy,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

/**
 * Reads the benchmark and decides `action` on its project. An unknown id, and one of a project or
 * tenant the caller cannot see, are the same not_found.
 */
export async function authorizeBenchmark(
  ctx: ServiceContext,
  action: Action,
  benchmarkId: string,
  opts: { forUpdate?: boolean } = {},
): Promise<{ benchmark: BenchmarkRow; access: Access }> {
  if (ctx.principal.type === "anonymous")
    throw new DomainError("unauthenticated", "sign in or send a bearer token");
  if (!BENCHMARK_ID.test(benchmarkId)) throw notFound("evaluation benchmark");
  const b = tables.evaluationBenchmarks;
  const q = ctx.db.select().from(b).where(eq(b.id, benchmarkId));
  const [benchmark] = opts.forUpdate ? await q.for("update") : await q;
  if (!benchmark) throw notFound("evaluation benchmark");
  try {
    return { benchmark, access: await authorize(ctx, action, { projectId: benchmark.projectId }) };
  } catch (err) {
    if (err instanceof DomainError && err.code === "not_found") throw notFound("evaluation benchmark");
    throw err;
  }
}

/** A benchmark of this project (the caller is already authorized on it); any other id is not_found. */
export async function benchmarkInProject(
  ctx: ServiceContext,
  projectId: string,
  benchmarkId: string,
): Promise<BenchmarkRow> {
  const b = tables.evaluationBenchmarks;
  const [row] = BENCHMARK_ID.test(benchmarkId)
    ? await ctx.db
        .select()
        .from(b)
        .where(and(eq(b.id, benchmarkId), eq(b.projectId, projectId)))
    : [];
  if (!row) throw notFound(`evaluation benchmark ${benchmarkId}`);
  return row;
}

/** The answer to a name another benchmark of the project already has (names ignore case). */
export function benchmarkNameTaken(name: string): DomainError {
  return new DomainError(
    "conflict",
    `a benchmark named "${name}" already exists in this project (names ignore case)`,
    { field: "name", reason: "benchmark_name_taken" },
  );
}
