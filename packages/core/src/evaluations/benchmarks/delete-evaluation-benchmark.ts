import { eq, tables } from "@infera/db";
import { recordAudit } from "../../audit/record-audit.js";
import type { ServiceContext } from "../../shared/context.js";
import { withTransaction } from "../../shared/transaction.js";
import { authorizeBenchmark, toEvaluationBenchmark } from "./benchmark-access.js";

/** Deletes the benchmark; runs made from it keep their data and still name its id. */
export async function deleteEvaluationBenchmark({
  ctx,
  benchmarkId,
}: {
  ctx: ServiceContext;
  benchmarkId: string;
}): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const { benchmark } = await authorizeBenchmark(tx, "evaluation.benchmark.delete", benchmarkId, {
      forUpdate: true,
    });
    await tx.db.delete(tables.evaluationBenchmarks).where(eq(tables.evaluationBenchmarks.id, benchmarkId));
    await recordAudit(tx, {
      action: "evaluation.benchmark.delete",
      resourceType: "evaluation_benchmark",
      resourceId: benchmarkId,
      tenantId: benchmark.tenantId,
      projectId: benchmark.projectId,
      before: toEvaluationBenchmark(benchmark),
    });
  });
}
