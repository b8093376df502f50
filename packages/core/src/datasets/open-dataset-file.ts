import type { Readable } from "node:stream";
import { asc, eq, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { invalid, notFound } from "../shared/errors.js";
import { authorizeDatasetVersion } from "./dataset-access.js";

export interface DatasetFileDownload {
  name: string;
  sha256: string;
  size: number;
  range: { start: number; end: number } | null;
  stream: Readable;
}

/**
 * One file of a version, whole or by range. `name` may be left out when the version has one file
 * (every keep-valid-only and split version does).
 */
export async function openDatasetFile({
  ctx,
  versionId,
  name,
  pickRange,
}: {
  ctx: ServiceContext;
  versionId: string;
  name: string | undefined;
  pickRange: (size: number) => { start: number; end: number } | null;
}): Promise<DatasetFileDownload> {
  const { version } = await authorizeDatasetVersion(ctx, "dataset.version.download", versionId);
  const files = await ctx.db
    .select()
    .from(tables.datasetVersionFiles)
    .where(eq(tables.datasetVersionFiles.versionId, version.id))
    .orderBy(asc(tables.datasetVersionFiles.position));
  let file = files[0];
  if (name !== undefined) file = files.find((f) => f.name === name);
  else if (files.length > 1)
    throw invalid(`version ${version.id} has ${files.length} files: name one with ?file=`, {
      files: files.map((f) => f.name),
    });
  if (!file) throw notFound("file");
  const store = ctx.blobs;
  const size = Number(file.size);
  const range = pickRange(size);
  const read = await store.get(file.sha256, range ?? undefined);
  return { name: file.name, sha256: file.sha256, size, range, stream: read.stream };
}
