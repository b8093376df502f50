import { CreateEvaluationInput, type EvaluationTarget, type FineTuneJobConfig } from "@infera/contracts";
import { and, eq, tables } from "@infera/db";
import { recordAudit } from "../../audit/record-audit.js";
import { withRunDefaults } from "../../evaluations/benchmarks/apply-benchmark.js";
import { insertEvaluationRun } from "../../evaluations/run/insert-evaluation-run.js";
import type { ModelRow } from "../../models/model-access.js";
import type { TxContext } from "../../shared/transaction.js";
import type { JobRow } from "../job-access.js";

/**
 * The evaluation a job asked for (`config.evaluation`), queued in the transaction that records the
 * new version, so a succeeded job and its run exist together: a gate run against the model's prod
 * version (when it has one that is not the new version), or an automatic run. The dataset version
 * was checked against the project at creation; one deleted since leaves the job without a run
 * (the job's success does not depend on it) and says so in the audit log.
 */
export async function startJobEvaluation(
  tx: TxContext,
  job: JobRow,
  model: ModelRow,
  versionId: string,
): Promise<string | null> {
  const evaluation = (job.config as FineTuneJobConfig).evaluation;
  if (!evaluation) return null;
  const [dataset] = await tx.db
    .select({ datasetId: tables.datasets.id })
    .from(tables.datasetVersions)
    .innerJoin(tables.datasets, eq(tables.datasets.id, tables.datasetVersions.datasetId))
    .where(
      and(
        eq(tables.datasetVersions.id, evaluation.dataset_version_id),
        eq(tables.datasets.projectId, job.projectId),
      ),
    );
  if (!dataset) {
    await recordAudit(tx, {
      action: "evaluation.create",
      resourceType: "fine_tune_job",
      resourceId: job.id,
      tenantId: job.tenantId,
      projectId: job.projectId,
      after: {
        skipped: true,
        reason: `evaluation dataset version ${evaluation.dataset_version_id} no longer exists`,
      },
    });
    return null;
  }
  const kind = evaluation.gate ? "gate" : "automatic";
  const targets: EvaluationTarget[] = [
    {
      key: "a",
      kind: "model_version",
      model_id: model.id,
      model_version_id: versionId,
      service_id: null,
      revision_id: null,
      label: `${model.name}:${versionId}`,
      role: "evaluated",
    },
  ];
  if (evaluation.gate) {
    const [prod] = await tx.db
      .select({ versionId: tables.modelTags.versionId })
      .from(tables.modelTags)
      .where(and(eq(tables.modelTags.modelId, model.id), eq(tables.modelTags.tag, "prod")));
    if (prod && prod.versionId !== versionId)
      targets.push({
        key: "b",
        kind: "model_version",
        model_id: model.id,
        model_version_id: prod.versionId,
        service_id: null,
        revision_id: null,
        label: `${model.name}:prod`,
        role: "baseline",
      });
  }
  // Parsed as a create request would be, so the stored config has every default a run reads.
  const {
    targets: _t,
    kind: _k,
    name: _n,
    ...config
  } = withRunDefaults(
    CreateEvaluationInput.parse({
      kind,
      targets: [{ model_version_id: versionId }],
      dataset_version_id: evaluation.dataset_version_id,
      ...(evaluation.metrics ? { metrics: evaluation.metrics } : {}),
    }),
  );
  const name = `${job.name ?? job.id} ${evaluation.gate ? "gate" : "evaluation"}`.slice(0, 100);
  const runId = await insertEvaluationRun(tx, {
    tenantId: job.tenantId,
    projectId: job.projectId,
    kind,
    name,
    targets,
    datasetId: dataset.datasetId,
    datasetVersionId: evaluation.dataset_version_id,
    config,
    createdBy: job.createdBy,
  });
  await recordAudit(tx, {
    action: "evaluation.create",
    resourceType: "evaluation_run",
    resourceId: runId,
    tenantId: job.tenantId,
    projectId: job.projectId,
    after: {
      id: runId,
      kind,
      name,
      targets,
      dataset_version_id: evaluation.dataset_version_id,
      source_job_id: job.id,
    },
  });
  return runId;
}
