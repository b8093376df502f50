import type { EvaluationBenchmark, MetricConfig, UpdateEvaluationBenchmarkInput } from "@infera/contracts";
import { eq, isUniqueViolation, tables } from "@infera/db";
import { recordAudit } from "../../audit/record-audit.js";
import type { ServiceContext } from "../../shared/context.js";
import { withTransaction } from "../../shared/transaction.js";
import { authorizeBenchmark, benchmarkNameTaken, toEvaluationBenchmark } from "./benchmark-access.js";
import { checkBenchmarkData } from "./check-benchmark-data.js";

/**
 * Changes a benchmark; the result is checked whole, as on create. The row is locked while it changes,
 * so two edits apply one after the other (the last one wins field by field, as for datasets and
 * models); runs already made from it keep their configuration. Naming another dataset without a
 * version unpins: a version of the old dataset cannot be pinned to the new one.
 */
export async function updateEvaluationBenchmark({
  ctx,
  benchmarkId,
  input,
}: {
  ctx: ServiceContext;
  benchmarkId: string;
  input: UpdateEvaluationBenchmarkInput;
}): Promise<EvaluationBenchmark> {
  try {
    return await withTransaction(ctx, async (tx) => {
      const { benchmark } = await authorizeBenchmark(tx, "evaluation.benchmark.update", benchmarkId, {
        forUpdate: true,
      });
      const before = toEvaluationBenchmark(benchmark);
      const datasetChanged = input.dataset_id !== undefined && input.dataset_id !== before.dataset_id;
      const unpin =
        datasetChanged && input.dataset_version_id === undefined ? { dataset_version_id: null } : {};
      const next = { ...before, ...definedOf(input), ...unpin };
      await checkBenchmarkData(
        tx,
        { ...next, metrics: next.metrics as MetricConfig[] },
        {
          tenantId: benchmark.tenantId,
          projectId: benchmark.projectId,
        },
      );
      const [row] = await tx.db
        .update(tables.evaluationBenchmarks)
        .set({
          name: next.name,
          description: next.description,
          datasetId: next.dataset_id,
          datasetVersionId: next.dataset_version_id,
          promptField: next.prompt_field,
          referenceField: next.reference_field,
          sliceField: next.slice_field,
          metrics: next.metrics,
          sampleLimit: next.sample_limit,
          generation: next.generation,
          updatedAt: tx.now(),
        })
        .where(eq(tables.evaluationBenchmarks.id, benchmarkId))
        .returning();
      const after = toEvaluationBenchmark(row!);
      await recordAudit(tx, {
        action: "evaluation.benchmark.update",
        resourceType: "evaluation_benchmark",
        resourceId: benchmarkId,
        tenantId: benchmark.tenantId,
        projectId: benchmark.projectId,
        before,
        after,
      });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw benchmarkNameTaken(input.name ?? "");
    throw err;
  }
}

function definedOf(input: UpdateEvaluationBenchmarkInput): Partial<UpdateEvaluationBenchmarkInput> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}
