import type { Readable } from "node:stream";
import { and, eq, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { notFound } from "../shared/errors.js";
import { authorizeVersion } from "./model-access.js";

export interface ModelFileDownload {
  path: string;
  sha256: string;
  /** Size of the whole file. */
  size: number;
  /** The bytes served: the whole file, or the inclusive range asked for. */
  range: { start: number; end: number } | null;
  stream: Readable;
}

/**
 * Opens one file of a version for download. `range` (inclusive ends, already checked against the
 * size by `sizeFirst`) is read from the store by range, so a resumed download never re-reads the start.
 */
export async function openModelFile({
  ctx,
  versionId,
  path,
  pickRange,
}: {
  ctx: ServiceContext;
  versionId: string;
  path: string;
  /** Given the file's size, the range to serve (null: all of it); throw to refuse the range. */
  pickRange: (size: number) => { start: number; end: number } | null;
}): Promise<ModelFileDownload> {
  const { version } = await authorizeVersion(ctx, "model.file.download", versionId);
  const f = tables.modelVersionFiles;
  const [file] = await ctx.db
    .select()
    .from(f)
    .where(and(eq(f.versionId, version.id), eq(f.path, path)));
  if (!file) throw notFound("file");
  const store = ctx.blobs;
  const size = Number(file.size);
  const range = pickRange(size);
  const read = await store.get(file.sha256, range ?? undefined);
  return { path: file.path, sha256: file.sha256, size, range, stream: read.stream };
}
