import type {
  FineTuneJob,
  FineTuneJobConfig,
  FineTuneJobDetail,
  FineTuneJobProgress,
  FineTuneJobStatus,
  JobFailureReason,
  JobWaitReason,
  TrainingMetrics,
} from "@infera/contracts";
import { asc, type Executor, eq, tables } from "@infera/db";
import { iso } from "../shared/pagination.js";
import type { JobRow } from "./job-access.js";
import { suggestFix } from "./suggest-fix.js";

export function toFineTuneJob(row: JobRow): FineTuneJob {
  return {
    id: row.id,
    tenant_id: row.tenantId,
    project_id: row.projectId,
    name: row.name,
    status: row.status,
    config: row.config as FineTuneJobConfig,
    base_model_id: row.baseModelId,
    base_model_version_id: row.baseModelVersionId,
    dataset_id: row.datasetId,
    dataset_version_id: row.datasetVersionId,
    validation_dataset_version_id: row.validationDatasetVersionId,
    stage: row.stage,
    method: row.method,
    runtime: row.runtime,
    resource_class: row.resourceClass,
    gpu_count: row.gpuCount,
    priority: row.priority,
    output_model_id: row.outputModelId,
    output_model_name: row.outputModelName,
    artifact_type: row.artifactType,
    result_model_version_id: row.resultModelVersionId,
    final_metrics: (row.finalMetrics as TrainingMetrics | null) ?? null,
    // Filled for queued jobs by withQueueEstimates (list and get): they need the rest of the queue.
    queue_position: null,
    eta_seconds: null,
    wait_reason: row.status === "queued" ? ((row.waitReason as JobWaitReason | null) ?? null) : null,
    node_id: row.status === "queued" ? null : row.nodeId,
    failure: row.failureReason
      ? {
          reason: row.failureReason as JobFailureReason,
          message: row.failureMessage ?? "",
          suggestion: row.failureSuggestion,
          fix: suggestFix(row.failureReason, row.config as FineTuneJobConfig),
        }
      : null,
    progress: (row.progress as FineTuneJobProgress | null) ?? null,
    attempt: row.attempt,
    template_id: row.templateId,
    created_by: row.createdBy,
    created_at: iso(row.createdAt),
    queued_at: iso(row.queuedAt),
    started_at: iso(row.startedAt),
    finished_at: iso(row.finishedAt),
    workspace_removed_at: iso(row.workspaceRemovedAt),
    updated_at: iso(row.updatedAt),
  };
}

/** A job with its timeline, oldest transition first. */
export async function loadJobDetail(exec: Executor, jobId: string): Promise<FineTuneJobDetail | null> {
  const [row] = await exec.select().from(tables.fineTuneJobs).where(eq(tables.fineTuneJobs.id, jobId));
  if (!row) return null;
  const t = tables.fineTuneJobTransitions;
  const transitions = await exec.select().from(t).where(eq(t.jobId, jobId)).orderBy(asc(t.seq));
  return {
    ...toFineTuneJob(row),
    transitions: transitions.map((x) => ({
      seq: x.seq,
      from: x.fromStatus as FineTuneJobStatus | null,
      to: x.toStatus as FineTuneJobStatus,
      reason: x.reason,
      actor_id: x.actorId,
      at: iso(x.at),
    })),
  };
}
