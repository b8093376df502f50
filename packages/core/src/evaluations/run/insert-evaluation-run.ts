import type { EvaluationKind, EvaluationTarget } from "@infera/contracts";
import { tables } from "@infera/db";
import { newId } from "../../shared/ids.js";
import type { TxContext } from "../../shared/transaction.js";

export interface NewEvaluationRun {
  tenantId: string;
  projectId: string;
  kind: EvaluationKind;
  name: string | null;
  /** Resolved and checked against the project by the caller. */
  targets: EvaluationTarget[];
  datasetId: string | null;
  datasetVersionId: string | null;
  /** The contracts' `EvaluationRun.config`: data fields, metrics, sample limit, seed, generation, gate rule ids. */
  config: Record<string, unknown>;
  createdBy: string | null;
  rerunOf?: string | null;
  benchmarkId?: string | null;
}

/**
 * Writes a queued run and enqueues its `evaluation.run` job in the caller's transaction, so the run
 * exists exactly when its work does. Authorization, resolution and the audit event are the caller's.
 */
export async function insertEvaluationRun(tx: TxContext, run: NewEvaluationRun): Promise<string> {
  const id = newId("evaluationRun");
  const a = run.targets.find((t) => t.key === "a");
  await tx.db.insert(tables.evaluationRuns).values({
    id,
    tenantId: run.tenantId,
    projectId: run.projectId,
    kind: run.kind,
    name: run.name,
    status: "queued",
    targets: run.targets as unknown as Record<string, unknown>[],
    modelVersionId: a?.kind === "model_version" ? a.model_version_id : null,
    datasetId: run.datasetId,
    datasetVersionId: run.datasetVersionId,
    config: run.config,
    createdBy: run.createdBy,
    rerunOf: run.rerunOf ?? null,
    benchmarkId: run.benchmarkId ?? null,
    createdAt: tx.now(),
    updatedAt: tx.now(),
  });
  await tx.queue.enqueue(tx, "evaluation.run", { run_id: id }, { idempotencyKey: id });
  return id;
}
