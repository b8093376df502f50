import { Readable } from "node:stream";
import { normalizedRows } from "@infera/dataset-validation";
import type { ServiceContext } from "../shared/context.js";
import { authorizeDatasetVersion } from "./dataset-access.js";
import { blobSources } from "./dataset-files.js";
import { versionReading } from "./dataset-reading.js";
import { versionFiles } from "./version-files.js";

export interface NormalizedDownload {
  /** `<dataset>-v<n>.normalized.jsonl` (the dataset's name made safe for a file name). */
  name: string;
  /** The version's rows: the number of lines the stream will have. */
  rows: number;
  stream: Readable;
}

/**
 * A version's valid records in the internal form (`{messages, tools?}`, `{prompt, completion}`,
 * `{text}`, `{prompt?, chosen, rejected}`) as JSONL, converted while it streams from the stored
 * files as they were validated: what the trainer reads, whatever shape and container was uploaded.
 * The same permission as downloading the files themselves.
 */
export async function openNormalizedDataset({
  ctx,
  versionId,
}: {
  ctx: ServiceContext;
  versionId: string;
}): Promise<NormalizedDownload> {
  const { dataset, version } = await authorizeDatasetVersion(ctx, "dataset.version.download", versionId);
  const files = await versionFiles(ctx.db, version.id);
  const rows = normalizedRows(blobSources(ctx.blobs, files), versionReading(version, files));
  const base = dataset.name.replace(/[^\p{L}\p{N}._-]+/gu, "_").slice(0, 100) || "dataset";
  return {
    name: `${base}-v${version.number}.normalized.jsonl`,
    rows: version.rows,
    stream: Readable.from(rows, { objectMode: false }),
  };
}
