import { createReadStream } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import {
  beginCheckpointUpload,
  type CheckpointFile,
  type CheckpointUpload,
  completeCheckpointUpload,
  type ServiceContext,
} from "@infera/core";

/**
 * Copies one checkpoint folder of a job's workspace to the blob store, file by file (content
 * addressed: a file already stored is not written again), and records it `stored` with its
 * manifest only once every file is in. The row is `uploading` meanwhile, so a worker killed midway
 * leaves a checkpoint no resume picks. Storing it releases the job's copies older than the newest
 * `storedCheckpointsKept` (their names come back in `released`). Throws when the folder changes under it (the runtime pruned
 * it): that checkpoint then stays unstored.
 */
export async function storeCheckpoint(
  ctx: ServiceContext,
  upload: CheckpointUpload,
  folder: string,
): Promise<{ stored: boolean; files: number; bytes: number; released: string[] }> {
  if (!(await beginCheckpointUpload({ ctx, upload })))
    return { stored: false, files: 0, bytes: 0, released: [] };
  const files: CheckpointFile[] = [];
  for (const path of await filesUnder(folder)) {
    const put = await ctx.blobs.put(createReadStream(path));
    files.push({ path: relative(folder, path).split(sep).join("/"), sha256: put.sha256, size: put.size });
  }
  const done = await completeCheckpointUpload({ ctx, upload, files });
  return {
    stored: done !== false,
    files: files.length,
    bytes: files.reduce((n, f) => n + f.size, 0),
    released: done ? done.released : [],
  };
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out.sort();
}
