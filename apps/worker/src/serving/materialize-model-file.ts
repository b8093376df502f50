import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, stat } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import type { ReplicaModelFile, ServiceContext } from "@infera/core";

/**
 * A model file from the blob store in this node's cache, named by its digest (versions are
 * immutable, so one copy serves every revision and replica that loads it). Written beside its place
 * and renamed, as the training workspace does, so a file that is there is whole. Each copy writes
 * its own part file: two loads of one digest at once in a process (two evaluation runs of the same
 * base, a replica and a run) both end with the same whole file, whichever renames last.
 */
export async function materializeModelFile(
  ctx: ServiceContext,
  cacheDir: string,
  file: ReplicaModelFile,
): Promise<string> {
  const target = join(cacheDir, `${file.sha256}.gguf`);
  const have = await stat(target).catch(() => null);
  if (have?.size === file.size) return target;
  await mkdir(cacheDir, { recursive: true });
  const part = `${target}.${process.pid}.${randomUUID()}.part`;
  const { stream } = await ctx.blobs.get(file.sha256);
  await pipeline(stream, createWriteStream(part));
  await rename(part, target);
  return target;
}
