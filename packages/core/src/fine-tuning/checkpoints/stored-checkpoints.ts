import { and, asc, desc, eq, inArray, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import type { CheckpointFile } from "./record-checkpoint-upload.js";

/** A checkpoint whose files are all in the blob store. */
export interface StoredCheckpoint {
  name: string;
  /** Its folder relative to the job's workspace. */
  path: string;
  step: number;
  files: CheckpointFile[];
}

/** A job's checkpoints recorded `stored`, newest step first, with their manifests. */
export async function loadStoredCheckpoints(ctx: ServiceContext, jobId: string): Promise<StoredCheckpoint[]> {
  const c = tables.fineTuneCheckpoints;
  const rows = await ctx.db
    .select({ name: c.name, path: c.path, step: c.step })
    .from(c)
    .where(and(eq(c.jobId, jobId), eq(c.state, "stored")))
    .orderBy(desc(c.step), desc(c.name));
  if (!rows.length) return [];
  const f = tables.fineTuneCheckpointFiles;
  const files = await ctx.db
    .select()
    .from(f)
    .where(
      and(
        eq(f.jobId, jobId),
        inArray(
          f.name,
          rows.map((r) => r.name),
        ),
      ),
    )
    .orderBy(asc(f.path));
  return rows.map((r) => ({
    ...r,
    files: files
      .filter((file) => file.name === r.name)
      .map(({ path, sha256, size }) => ({ path, sha256, size })),
  }));
}

/**
 * The checkpoint a resume on any node starts from: the newest one recorded `stored` whose every
 * file is still in the blob store at its recorded size. A checkpoint still `uploading` (its worker
 * died midway) or missing a blob is passed over for the one before it; null when there is none.
 */
export async function findResumableCheckpoint({
  ctx,
  jobId,
}: {
  ctx: ServiceContext;
  jobId: string;
}): Promise<StoredCheckpoint | null> {
  for (const checkpoint of await loadStoredCheckpoints(ctx, jobId)) {
    let whole = checkpoint.files.length > 0;
    for (const file of checkpoint.files) {
      const stat = whole ? await ctx.blobs.stat(file.sha256) : null;
      if (!stat || stat.size !== file.size) whole = false;
    }
    if (whole) return checkpoint;
  }
  return null;
}
