import type { EvaluationBenchmark } from "@infera/contracts";
import type { ServiceContext } from "../../shared/context.js";
import { authorizeBenchmark, toEvaluationBenchmark } from "./benchmark-access.js";

export async function getEvaluationBenchmark({
  ctx,
  benchmarkId,
}: {
  ctx: ServiceContext;
  benchmarkId: string;
}): Promise<EvaluationBenchmark> {
  const { benchmark } = await authorizeBenchmark(ctx, "evaluation.benchmark.read", benchmarkId);
  return toEvaluationBenchmark(benchmark);
}
