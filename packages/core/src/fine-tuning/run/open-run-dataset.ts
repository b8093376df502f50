import { normalizedRows } from "@infera/dataset-validation";
import { eq, tables } from "@infera/db";
import { blobSources } from "../../datasets/dataset-files.js";
import { versionReading } from "../../datasets/dataset-reading.js";
import { versionFiles } from "../../datasets/version-files.js";
import type { ServiceContext } from "../../shared/context.js";
import { notFound } from "../../shared/errors.js";

/**
 * A dataset version's valid records in the internal form the trainer reads (`{messages}`,
 * `{prompt, completion}`, `{text}`), as JSONL bytes converted while they stream from the stored
 * files: whatever shape and container was uploaded, the runtime sees one format. For the worker
 * laying out a placed job's inputs (the job's submission authorized the version).
 */
export async function openRunDataset(
  ctx: ServiceContext,
  versionId: string,
): Promise<AsyncIterable<Uint8Array>> {
  const [version] = await ctx.db
    .select()
    .from(tables.datasetVersions)
    .where(eq(tables.datasetVersions.id, versionId));
  if (!version) throw notFound("dataset version");
  const files = await versionFiles(ctx.db, version.id);
  return normalizedRows(blobSources(ctx.blobs, files), versionReading(version, files));
}
