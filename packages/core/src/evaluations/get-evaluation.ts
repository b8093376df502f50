import type { EvaluationRun } from "@infera/contracts";
import type { ServiceContext } from "../shared/context.js";
import { authorizeEvaluationRun, toEvaluationRun } from "./evaluation-access.js";

/** One run: targets, configuration, progress (with an estimate while running), summary and gate. */
export async function getEvaluation({
  ctx,
  runId,
}: {
  ctx: ServiceContext;
  runId: string;
}): Promise<EvaluationRun> {
  const { run } = await authorizeEvaluationRun(ctx, "evaluation.read", runId);
  return toEvaluationRun(run, ctx.now());
}
