import type { CreateEvaluationBenchmarkInput, EvaluationBenchmark } from "@infera/contracts";
import { isUniqueViolation, tables } from "@infera/db";
import { recordAudit } from "../../audit/record-audit.js";
import { authorize } from "../../authz/authorize.js";
import type { ServiceContext } from "../../shared/context.js";
import { newId } from "../../shared/ids.js";
import { withTransaction } from "../../shared/transaction.js";
import { evaluationActorId } from "../evaluation-access.js";
import { benchmarkNameTaken, toEvaluationBenchmark } from "./benchmark-access.js";
import { checkBenchmarkData } from "./check-benchmark-data.js";

/** Registers a dataset of the project as a benchmark, checked as a run made from it would be. */
export async function createEvaluationBenchmark({
  ctx,
  projectId,
  input,
}: {
  ctx: ServiceContext;
  projectId: string;
  input: CreateEvaluationBenchmarkInput;
}): Promise<EvaluationBenchmark> {
  const access = await authorize(ctx, "evaluation.benchmark.create", { projectId });
  const scope = { tenantId: access.tenantId!, projectId };
  try {
    return await withTransaction(ctx, async (tx) => {
      await checkBenchmarkData(tx, input, scope);
      const now = tx.now();
      const [row] = await tx.db
        .insert(tables.evaluationBenchmarks)
        .values({
          id: newId("evaluationBenchmark"),
          ...scope,
          name: input.name,
          description: input.description,
          datasetId: input.dataset_id,
          datasetVersionId: input.dataset_version_id,
          promptField: input.prompt_field,
          referenceField: input.reference_field,
          sliceField: input.slice_field,
          metrics: input.metrics,
          sampleLimit: input.sample_limit,
          generation: input.generation,
          createdBy: evaluationActorId(tx),
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const created = toEvaluationBenchmark(row!);
      await recordAudit(tx, {
        action: "evaluation.benchmark.create",
        resourceType: "evaluation_benchmark",
        resourceId: created.id,
        ...scope,
        after: created,
      });
      return created;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw benchmarkNameTaken(input.name);
    throw err;
  }
}
