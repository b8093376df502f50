import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict, resourceInUse } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { authorizeEvaluationRun, toEvaluationRun } from "./evaluation-access.js";

/**
 * Deletes a finished run and its samples. A run that a tag move cites as its release evidence stays:
 * the model's tag history must keep pointing at what allowed the move.
 */
export async function deleteEvaluation({
  ctx,
  runId,
}: {
  ctx: ServiceContext;
  runId: string;
}): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const { run } = await authorizeEvaluationRun(tx, "evaluation.delete", runId, { forUpdate: true });
    if (run.status === "queued" || run.status === "running" || run.status === "canceling")
      throw conflict(`the run is ${run.status}; cancel it and delete it once it has finished`, {
        status: run.status,
      });
    const h = tables.modelTagHistory;
    const evidence = await tx.db
      .select({ id: h.id, modelId: h.modelId, tag: h.tag })
      .from(h)
      .where(eq(h.evidenceEvaluationRunId, runId))
      .limit(20);
    if (evidence.length)
      throw resourceInUse(
        "the run is the evidence of a tag move; it stays while the model's tag history names it",
        evidence.map((e) => ({
          type: "model_tag_move",
          id: e.id,
          name: `${e.tag} of ${e.modelId}`,
          project_id: run.projectId,
          href: `/api/v1/models/${e.modelId}/tags/${e.tag}/history`,
        })),
      );
    const before = toEvaluationRun(run, tx.now());
    await tx.db.delete(tables.evaluationRuns).where(eq(tables.evaluationRuns.id, runId));
    await recordAudit(tx, {
      action: "evaluation.delete",
      resourceType: "evaluation_run",
      resourceId: runId,
      tenantId: run.tenantId,
      projectId: run.projectId,
      before,
    });
  });
}
