import type {
  FineTuneJobDetail,
  FineTuneJobStatus,
  JobFailureReason,
  NotificationKind,
} from "@infera/contracts";
import { and, eq, tables } from "@infera/db";
import { recordAudit } from "../../audit/record-audit.js";
import { recordTenantBlobs } from "../../blobs/record-tenant-blobs.js";
import { insertModelRow } from "../../models/create-model.js";
import { insertModelVersion } from "../../models/create-model-version.js";
import type { ModelRow } from "../../models/model-access.js";
import { createNotifications } from "../../notifications/create-notifications.js";
import type { ServiceContext } from "../../shared/context.js";
import { type TxContext, withTransaction } from "../../shared/transaction.js";
import type { JobRow } from "../job-access.js";
import { transitionJob } from "../job-state-machine.js";
import { requestSchedulingPass } from "../scheduling/request-scheduling-pass.js";
import { loadJobDetail } from "../to-fine-tune-job.js";
import { finalMetrics, type RunSummary } from "./final-metrics.js";
import { startJobEvaluation } from "./start-job-evaluation.js";

/** A file the run produced, already in the blob store. */
export interface RunArtifactFile {
  /** Its path inside the new model version (`adapter.safetensors`, `adapter.gguf`, `manifest.json`). */
  path: string;
  sha256: string;
}

export type RunOutcome =
  | { kind: "succeeded"; files: RunArtifactFile[]; notes?: string; summary?: RunSummary }
  | { kind: "failed"; reason: JobFailureReason; message: string; suggestion: string | null }
  | { kind: "canceled" };

/**
 * Ends a run's job, in one transaction: on success the files become a new version of the output
 * model (created in the job's project when the job named a new one), owned by the job's tenant, and
 * the job records it; on failure the job keeps the reason, message and suggestion; a stopped run of
 * a job being canceled ends `canceled` (as does a failure the cancel caused). The creator is
 * notified, the end is audited. Does nothing (returns null) when this attempt no longer owns the job.
 */
export async function finishFineTuneRun({
  ctx,
  jobId,
  attempt,
  outcome,
}: {
  ctx: ServiceContext;
  jobId: string;
  attempt: number;
  outcome: RunOutcome;
}): Promise<FineTuneJobDetail | null> {
  return withTransaction(ctx, async (tx) => {
    const j = tables.fineTuneJobs;
    const [job] = await tx.db.select().from(j).where(eq(j.id, jobId)).for("update");
    if (!job || job.attempt !== attempt || !["running", "canceling"].includes(job.status)) return null;
    const before = (await loadJobDetail(tx.db, jobId))!;
    let ended: JobRow;
    if (outcome.kind === "succeeded") {
      ended = await succeed(tx, job, outcome);
    } else if (job.status === "canceling" && (outcome.kind === "canceled" || outcome.reason === "canceled")) {
      ended = await transitionJob(tx, job, "canceled", "stopped after a checkpoint");
    } else if (outcome.kind === "canceled") {
      // Stopped without being asked to (the runtime took a SIGTERM from elsewhere): a failure to look at.
      ended = await transitionJob(tx, job, "failed", "failed: canceled", {
        set: {
          failureReason: "canceled",
          failureMessage: "the run stopped without a cancel from the platform",
          failureSuggestion: "Retry the job: it resumes from its last checkpoint.",
        },
      });
    } else {
      ended = await transitionJob(tx, job, "failed", `failed: ${outcome.reason}`, {
        set: {
          failureReason: outcome.reason,
          failureMessage: outcome.message,
          failureSuggestion: outcome.suggestion,
        },
      });
    }
    const after = (await loadJobDetail(tx.db, jobId))!;
    await recordAudit(tx, {
      action: `fine_tuning.job.${ended.status === "succeeded" ? "succeed" : ended.status === "canceled" ? "cancel" : "fail"}`,
      resourceType: "fine_tune_job",
      resourceId: jobId,
      tenantId: job.tenantId,
      projectId: job.projectId,
      before,
      after,
    });
    await notifyCreator(tx, ended);
    // Its slot is free: the next queued job may start.
    await requestSchedulingPass(tx);
    return after;
  });
}

async function succeed(
  tx: TxContext,
  job: JobRow,
  outcome: { files: RunArtifactFile[]; notes?: string; summary?: RunSummary },
) {
  const metrics = await finalMetrics(
    tx,
    job.id,
    outcome.summary ?? { steps: Number(job.progress?.step ?? 0) },
  );
  await recordTenantBlobs(
    tx.db,
    job.tenantId,
    outcome.files.map((f) => f.sha256),
    "model_version",
    tx.now(),
  );
  const model = await outputModelOf(tx, job);
  const config = job.config as { output?: { move_latest?: boolean } };
  const version = await insertModelVersion(
    tx,
    model,
    {
      artifact_type: job.artifactType,
      files: outcome.files.map((f) => ({ path: f.path, sha256: f.sha256 })),
      source: "upload",
      license: "",
      notes: outcome.notes ?? `fine-tuned by job ${job.id}`,
      tag_latest: config.output?.move_latest ?? true,
    },
    {
      source: "fine_tune",
      sourceJobId: job.id,
      trustedBaseVersionId: job.baseModelVersionId,
      sourceDatasetVersionId: job.datasetVersionId,
      trainingMetrics: metrics,
    },
  );
  const ended = await transitionJob(tx, job, "succeeded", "succeeded", {
    set: { resultModelVersionId: version.id, outputModelId: model.id, finalMetrics: metrics },
  });
  await startJobEvaluation(tx, job, model, version.id);
  return ended;
}

/** The model that gets the new version: the one the job named, or a new one of its project. */
async function outputModelOf(tx: TxContext, job: JobRow): Promise<ModelRow> {
  const m = tables.models;
  if (job.outputModelId) {
    const [model] = await tx.db.select().from(m).where(eq(m.id, job.outputModelId)).for("update");
    if (model) return model;
  }
  let name = job.outputModelName ?? `${job.name ?? job.id}-output`;
  // Names are unique in a tenant. Another job of the project may have created it first (two jobs
  // naming the same new model): its versions go side by side. A model of that name elsewhere in the
  // tenant is not this project's to add to: the new one takes the job id as a suffix.
  const [existing] = await tx.db
    .select()
    .from(m)
    .where(and(eq(m.ownerKey, job.tenantId), eq(m.name, name)))
    .for("update");
  if (existing?.projectId === job.projectId) return existing;
  if (existing) name = `${name.slice(0, 96)}-${job.id}`;
  const created = await insertModelRow(
    tx,
    {
      name,
      description: `Fine-tuned by job ${job.id}`,
      visibility: "private",
      source: `fine-tuning job ${job.id}`,
      license: "",
    },
    { ownerType: "tenant", tenantId: job.tenantId, projectId: job.projectId },
  );
  const [row] = await tx.db.select().from(m).where(eq(m.id, created.id));
  return row!;
}

type JobNotificationKind = Exclude<NotificationKind, "project.member.added">;

const NOTIFICATION_OF: Partial<Record<FineTuneJobStatus, JobNotificationKind>> = {
  succeeded: "fine_tuning.job.succeeded",
  failed: "fine_tuning.job.failed",
  canceled: "fine_tuning.job.canceled",
};

/** The bell of the user who submitted the job (a service account has none). */
export async function notifyCreator(tx: TxContext, job: JobRow): Promise<void> {
  const kind: JobNotificationKind | null =
    NOTIFICATION_OF[job.status] ?? (job.status === "running" ? "fine_tuning.job.started" : null);
  if (!kind || !job.createdBy) return;
  const [user] = await tx.db
    .select({ id: tables.users.id })
    .from(tables.users)
    .where(eq(tables.users.id, job.createdBy));
  if (!user) return;
  const [project] = await tx.db
    .select({ name: tables.projects.name })
    .from(tables.projects)
    .where(eq(tables.projects.id, job.projectId));
  await createNotifications(tx, {
    kind,
    params: {
      job_name: job.name ?? job.id,
      project_name: project?.name ?? job.projectId,
      reason: job.failureReason ?? null,
    },
    userIds: [user.id],
    resource: { type: "fine_tuning_job", id: job.id, tenant_id: job.tenantId, project_id: job.projectId },
  });
}
