import type { MetricConfig } from "@infera/contracts";
import { and, desc, eq, tables } from "@infera/db";
import { authorize } from "../../authz/authorize.js";
import { notFound } from "../../shared/errors.js";
import type { TxContext } from "../../shared/transaction.js";
import { checkEvaluationMetrics, checkRecordFields } from "../check-evaluation-inputs.js";

interface BenchmarkData {
  dataset_id: string;
  dataset_version_id: string | null;
  prompt_field: string | null;
  reference_field: string | null;
  slice_field: string | null;
  metrics: MetricConfig[];
}

/**
 * What a benchmark names, checked as a run would check it: a dataset of this project (another
 * tenant's or project's answers not_found like an unknown id), a pinned version of that dataset,
 * records whose fields give a prompt (and a reference for the reference metrics) — on the pinned
 * version, else on the latest one when there is one — and metrics validated exactly as on create.
 */
export async function checkBenchmarkData(
  tx: TxContext,
  data: BenchmarkData,
  scope: { tenantId: string; projectId: string },
): Promise<void> {
  await authorize(tx, "dataset.version.read", { projectId: scope.projectId });
  const d = tables.datasets;
  const [dataset] = await tx.db
    .select({ id: d.id })
    .from(d)
    .where(and(eq(d.id, data.dataset_id), eq(d.tenantId, scope.tenantId), eq(d.projectId, scope.projectId)));
  if (!dataset) throw notFound(`dataset ${data.dataset_id}`);
  const v = tables.datasetVersions;
  const [version] = await tx.db
    .select({ format: v.format })
    .from(v)
    .where(
      data.dataset_version_id === null
        ? eq(v.datasetId, dataset.id)
        : and(eq(v.id, data.dataset_version_id), eq(v.datasetId, dataset.id)),
    )
    .orderBy(desc(v.number))
    .limit(1);
  if (data.dataset_version_id !== null && !version)
    throw notFound(`dataset version ${data.dataset_version_id} of dataset ${dataset.id}`);
  if (version) checkRecordFields(version.format, data, data.metrics);
  await checkEvaluationMetrics(tx, data.metrics, scope);
}
