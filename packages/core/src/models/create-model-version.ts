import type {
  CreateModelVersionInput,
  ModelVersion,
  ModelVersionSource,
  TrainingMetrics,
} from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { findHeldBlob } from "../blobs/find-held-blob.js";
import { recordTenantBlobs } from "../blobs/record-tenant-blobs.js";
import { unknownBlob } from "../blobs/unknown-blob.js";
import type { ServiceContext } from "../shared/context.js";
import { DomainError, invalid } from "../shared/errors.js";
import { newId } from "../shared/ids.js";
import type { TxContext } from "../shared/transaction.js";
import { withTransaction } from "../shared/transaction.js";
import { takeCompletedUpload } from "../uploads/take-completed-upload.js";
import { inspectArtifact } from "./artifacts/read-metadata.js";
import { checkFilePaths } from "./file-paths.js";
import { authorizeModel, authorizeVersion, type ModelRow } from "./model-access.js";
import { applyTagMove } from "./tags/apply-tag-move.js";
import { loadVersionView } from "./to-model.js";
import { versionDigest } from "./version-digest.js";

/**
 * Adds an immutable version: files from finished uploads or already in the blob store (by digest),
 * each file's kind detected from its bytes, weight headers read for metadata, `latest` moved to it.
 */
export async function createModelVersion({
  ctx,
  modelId,
  input,
}: {
  ctx: ServiceContext;
  modelId: string;
  input: CreateModelVersionInput;
}): Promise<ModelVersion> {
  return withTransaction(ctx, async (tx) => {
    const { model } = await authorizeModel(tx, "model.version.create", modelId, { forUpdate: true });
    return insertModelVersion(tx, model, input, { source: input.source });
  });
}

/** The write itself, inside the caller's transaction (also used by the system-model bootstrap and fine-tuning). */
export async function insertModelVersion(
  tx: TxContext,
  model: ModelRow,
  input: CreateModelVersionInput,
  extra: {
    source: ModelVersionSource;
    sourceJobId?: string | null;
    /** A fine-tuning job's dataset version and final metrics. */
    sourceDatasetVersionId?: string;
    trainingMetrics?: TrainingMetrics;
    /** A base version the platform itself vouches for (a fine-tuning job's own base): not authorized again. */
    trustedBaseVersionId?: string;
  },
): Promise<ModelVersion> {
  const store = tx.blobs;
  checkFilePaths(input.files.map((f) => f.path));
  const files: { path: string; sha256: string; size: number }[] = [];
  for (const f of input.files) {
    if ("upload_id" in f) {
      if (!model.projectId) throw invalid("system model versions take files by sha256, not upload_id");
      const up = await takeCompletedUpload(tx, { projectId: model.projectId, uploadId: f.upload_id });
      files.push({ path: f.path, sha256: up.sha256, size: up.size });
    } else {
      const held = await findHeldBlob(tx.db, store, model.tenantId, f.sha256);
      if (!held) throw unknownBlob(f.path, f.sha256, { path: f.path, sha256: f.sha256 });
      files.push({ path: f.path, sha256: f.sha256, size: held.size });
    }
  }
  let baseId: string | null = extra.trustedBaseVersionId ?? null;
  if (!baseId && input.base_model_version_id) {
    try {
      baseId = (await authorizeVersion(tx, "model.version.read", input.base_model_version_id)).version.id;
    } catch (err) {
      if (err instanceof DomainError && err.code === "not_found")
        throw invalid(`base_model_version_id ${input.base_model_version_id} is not a version you can see`);
      throw err;
    }
  }
  const artifact = await inspectArtifact(store, files);
  const id = newId("modelVersion");
  await tx.db.insert(tables.modelVersions).values({
    id,
    modelId: model.id,
    artifactType: input.artifact_type,
    format: artifact.format,
    formats: artifact.formats,
    digest: versionDigest(files),
    size: files.reduce((a, f) => a + f.size, 0),
    source: extra.source,
    baseModelVersionId: baseId,
    sourceJobId: extra.sourceJobId ?? null,
    sourceDatasetVersionId: extra.sourceDatasetVersionId ?? null,
    trainingMetrics: extra.trainingMetrics ?? null,
    license: input.license,
    notes: input.notes,
    metadata: artifact.metadata,
    architecture: artifact.metadata.architecture,
    parameterCount: artifact.metadata.parameter_count,
    contextLength: artifact.metadata.context_length,
    quantization: artifact.metadata.quantization,
    createdBy: tx.principal.type === "user" ? tx.principal.userId : null,
    createdAt: tx.now(),
  });
  await tx.db.insert(tables.modelVersionFiles).values(
    artifact.files.map((f) => ({
      versionId: id,
      path: f.path,
      sha256: f.sha256,
      size: f.size,
      kind: f.kind,
    })),
  );
  if (model.tenantId)
    await recordTenantBlobs(
      tx.db,
      model.tenantId,
      files.map((f) => f.sha256),
      "model_version",
      tx.now(),
    );
  if (input.tag_latest)
    await applyTagMove(tx, {
      modelId: model.id,
      tag: "latest",
      to: id,
      action: "set",
      reason: "new version",
      forced: false,
    });
  await tx.db.update(tables.models).set({ updatedAt: tx.now() }).where(eq(tables.models.id, model.id));
  const version = (await loadVersionView(tx.db, id))!;
  await recordAudit(tx, {
    action: "model.version.create",
    resourceType: "model_version",
    resourceId: id,
    tenantId: model.tenantId,
    projectId: model.projectId,
    after: { ...version, metadata: { ...version.metadata, chat_template: undefined, files: undefined } },
  });
  return version;
}
