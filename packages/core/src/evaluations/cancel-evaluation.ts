import type { EvaluationRun, EvaluationStatus } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { authorizeEvaluationRun, loadEvaluationRun, toEvaluationRun } from "./evaluation-access.js";

/**
 * A queued run ends at once (its job finds it canceled and does nothing); a running one goes to
 * `canceling`, and the runner stops between samples and ends it `canceled`.
 */
const CANCEL_TO: Partial<Record<EvaluationStatus, EvaluationStatus>> = {
  queued: "canceled",
  running: "canceling",
};

export async function cancelEvaluation({
  ctx,
  runId,
}: {
  ctx: ServiceContext;
  runId: string;
}): Promise<EvaluationRun> {
  return withTransaction(ctx, async (tx) => {
    const { run } = await authorizeEvaluationRun(tx, "evaluation.cancel", runId, { forUpdate: true });
    const to = CANCEL_TO[run.status];
    if (!to)
      throw conflict(
        run.status === "canceling"
          ? "the run is already being canceled"
          : `the run is ${run.status}; only queued or running runs can be canceled`,
        { status: run.status },
      );
    const before = toEvaluationRun(run, tx.now());
    await tx.db
      .update(tables.evaluationRuns)
      .set({ status: to, updatedAt: tx.now(), ...(to === "canceled" ? { finishedAt: tx.now() } : {}) })
      .where(eq(tables.evaluationRuns.id, runId));
    const after = await loadEvaluationRun(tx, runId);
    await recordAudit(tx, {
      action: "evaluation.cancel",
      resourceType: "evaluation_run",
      resourceId: runId,
      tenantId: run.tenantId,
      projectId: run.projectId,
      before,
      after,
    });
    return after;
  });
}
