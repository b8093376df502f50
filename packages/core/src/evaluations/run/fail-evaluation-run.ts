import { eq, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { withTransaction } from "../../shared/transaction.js";
import { type EvaluationRunRow, endEvaluationRun, isFinishedEvaluation } from "./end-evaluation-run.js";

/**
 * Ends a run that cannot go on (its data unreadable, its model not loadable, its service gone) with
 * the reason people read in the console; its samples so far are kept. A run being canceled ends
 * `canceled` instead: the cancel was asked first. Null when the run is already over.
 */
export async function failEvaluationRun({
  ctx,
  runId,
  message,
}: {
  ctx: ServiceContext;
  runId: string;
  message: string;
}): Promise<EvaluationRunRow | null> {
  return withTransaction(ctx, async (tx) => {
    const r = tables.evaluationRuns;
    const [run] = await tx.db.select().from(r).where(eq(r.id, runId)).for("update");
    if (!run || isFinishedEvaluation(run.status)) return null;
    if (run.status === "canceling") return endEvaluationRun(tx, run, "canceled");
    return endEvaluationRun(tx, run, "failed", { error: message.slice(0, 4000) });
  });
}
