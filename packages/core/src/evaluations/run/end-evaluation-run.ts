import { eq, tables } from "@infera/db";
import { recordAudit } from "../../audit/record-audit.js";
import type { TxContext } from "../../shared/transaction.js";

import type { EvaluationRunRow } from "../evaluation-access.js";

export type { EvaluationRunRow };

/** A run's status that no worker changes any more. */
export const FINISHED_EVALUATION_STATUSES = ["succeeded", "failed", "canceled"] as const;

export function isFinishedEvaluation(status: string): boolean {
  return (FINISHED_EVALUATION_STATUSES as readonly string[]).includes(status);
}

/**
 * Writes a run's end (status, finished_at and whatever else `set` carries) with its audit event,
 * in the caller's transaction (the row already locked). The actor is the system, as for every
 * transition the workload plane makes. Samples are kept whatever the end.
 */
export async function endEvaluationRun(
  tx: TxContext,
  run: EvaluationRunRow,
  status: "succeeded" | "failed" | "canceled",
  set: Partial<EvaluationRunRow> = {},
): Promise<EvaluationRunRow> {
  const r = tables.evaluationRuns;
  const [after] = await tx.db
    .update(r)
    .set({ ...set, status, finishedAt: tx.now(), updatedAt: tx.now() })
    .where(eq(r.id, run.id))
    .returning();
  await recordAudit(tx, {
    action:
      status === "succeeded"
        ? "evaluation.finish"
        : status === "canceled"
          ? "evaluation.cancel"
          : "evaluation.fail",
    resourceType: "evaluation_run",
    resourceId: run.id,
    tenantId: run.tenantId,
    projectId: run.projectId,
    before: auditView(run),
    after: auditView(after!),
  });
  return after!;
}

/** What the audit log keeps of a run: its state and verdict, not its summary's every interval. */
function auditView(run: EvaluationRunRow) {
  return {
    status: run.status,
    kind: run.kind,
    samples_total: run.samplesTotal,
    samples_done: run.samplesDone,
    gate_passed: run.gatePassed,
    error: run.error,
    sentence: (run.summary as { sentence?: string } | null)?.sentence ?? null,
  };
}
