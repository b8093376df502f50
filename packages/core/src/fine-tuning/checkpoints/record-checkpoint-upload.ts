import { isAbsolute, normalize, sep } from "node:path";
import { and, eq, tables } from "@infera/db";
import { recordTenantBlobs } from "../../blobs/record-tenant-blobs.js";
import type { ServiceContext } from "../../shared/context.js";
import { invalid } from "../../shared/errors.js";
import { withTransaction } from "../../shared/transaction.js";
import { pruneStoredCheckpoints } from "./prune-stored-checkpoints.js";

/** A checkpoint the worker copies to the blob store: its folder relative to the job's workspace. */
export interface CheckpointUpload {
  jobId: string;
  attempt: number;
  name: string;
  /** `output/checkpoints/step-00000060`: inside the workspace, never an absolute path. */
  path: string;
  step: number;
}

export interface CheckpointFile {
  /** Relative to the checkpoint's folder (`weights.safetensors`, `sub/dir/file`). */
  path: string;
  sha256: string;
  size: number;
}

/** Whether `p` is a relative path that stays inside its folder. */
export function isInsidePath(p: string): boolean {
  const n = normalize(p);
  return !!p && !isAbsolute(p) && n !== ".." && !n.startsWith(`..${sep}`) && !n.includes("\0");
}

/**
 * Notes that the worker started copying a checkpoint to the blob store (`uploading`). Until
 * `completeCheckpointUpload` the row is never resumed from: a worker killed midway leaves a
 * checkpoint that is not `stored`, and a resume takes the previous stored one. False when the job
 * is gone. Called by the worker that runs the job; nobody asks, so nobody is authorized.
 */
export async function beginCheckpointUpload({
  ctx,
  upload,
}: {
  ctx: ServiceContext;
  upload: CheckpointUpload;
}): Promise<boolean> {
  if (!isInsidePath(upload.path)) throw invalid(`checkpoint path ${upload.path} is not inside the workspace`);
  const j = tables.fineTuneJobs;
  const [job] = await ctx.db.select({ tenantId: j.tenantId }).from(j).where(eq(j.id, upload.jobId));
  if (!job) return false;
  const c = tables.fineTuneCheckpoints;
  const row = {
    path: upload.path,
    step: upload.step,
    attempt: upload.attempt,
    state: "uploading" as const,
    createdAt: ctx.now(),
    storedAt: null,
  };
  await ctx.db
    .insert(c)
    .values({ jobId: upload.jobId, name: upload.name, tenantId: job.tenantId, ...row })
    .onConflictDoUpdate({ target: [c.jobId, c.name], set: row });
  return true;
}

/**
 * Records a checkpoint as `stored`: its manifest (each file's digest and size, every file already
 * in the blob store) replaces the row's files, and the job's tenant holds the blobs, in one
 * transaction. From here the files are blob references (fine-tuning-references.ts) until a newer
 * checkpoint pushes this one past the newest `storedCheckpointsKept` (pruneStoredCheckpoints, in the
 * same transaction) or retention removes the job's workspace. Answers the names of the older copies
 * released, or false when the row is gone (the job was deleted meanwhile).
 */
export async function completeCheckpointUpload({
  ctx,
  upload,
  files,
}: {
  ctx: ServiceContext;
  upload: CheckpointUpload;
  files: readonly CheckpointFile[];
}): Promise<{ released: string[] } | false> {
  for (const f of files)
    if (!isInsidePath(f.path)) throw invalid(`checkpoint file ${f.path} is not inside its folder`);
  return withTransaction(ctx, async (tx) => {
    const c = tables.fineTuneCheckpoints;
    const key = and(eq(c.jobId, upload.jobId), eq(c.name, upload.name));
    const [row] = await tx.db.select().from(c).where(key).for("update");
    if (!row) return false;
    const f = tables.fineTuneCheckpointFiles;
    await tx.db.delete(f).where(and(eq(f.jobId, upload.jobId), eq(f.name, upload.name)));
    if (files.length)
      await tx.db
        .insert(f)
        .values(files.map((file) => ({ jobId: upload.jobId, name: upload.name, ...file })));
    await recordTenantBlobs(
      tx.db,
      row.tenantId,
      files.map((file) => file.sha256),
      "checkpoint",
      tx.now(),
    );
    await tx.db.update(c).set({ state: "stored", storedAt: tx.now() }).where(key);
    return { released: await pruneStoredCheckpoints(tx, upload.jobId) };
  });
}
