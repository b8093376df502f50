import type { EvaluationRun } from "@infera/contracts";
import type { ServiceContext } from "../shared/context.js";
import { authorizeEvaluationRun, toEvaluationRun } from "./evaluation-access.js";
import { maskEvaluationRun } from "./mask-evaluation-run.js";

/**
 * One run: targets, configuration, progress (with an estimate while running), summary and gate.
 * Finance reads a gate's failing prompts masked.
 */
export async function getEvaluation({
  ctx,
  runId,
}: {
  ctx: ServiceContext;
  runId: string;
}): Promise<EvaluationRun> {
  const { run, access } = await authorizeEvaluationRun(ctx, "evaluation.read", runId);
  const view = toEvaluationRun(run, ctx.now());
  return access.decision.masked === true ? maskEvaluationRun(view) : view;
}
