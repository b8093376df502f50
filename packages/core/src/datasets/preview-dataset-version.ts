import type { DatasetPreview } from "@infera/contracts";
import { previewRows } from "@infera/dataset-validation";
import { asc, eq, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { authorizeDatasetVersion } from "./dataset-access.js";
import { blobSources } from "./dataset-files.js";
import { DATASET_MAX_LINE_BYTES } from "./run-validation.js";

/** The first rows of a version, read from its files; roles that may not read content get locations only. */
export async function previewDatasetVersion({
  ctx,
  versionId,
  limit,
}: {
  ctx: ServiceContext;
  versionId: string;
  limit: number;
}): Promise<DatasetPreview> {
  const { version, access } = await authorizeDatasetVersion(ctx, "dataset.version.preview", versionId);
  const store = ctx.blobs;
  const masked = access.decision.masked === true;
  const files = await ctx.db
    .select()
    .from(tables.datasetVersionFiles)
    .where(eq(tables.datasetVersionFiles.versionId, version.id))
    .orderBy(asc(tables.datasetVersionFiles.position));
  const rows = await previewRows(blobSources(store, files), limit, {
    format: version.format,
    maxLineBytes: DATASET_MAX_LINE_BYTES,
  });
  return {
    version_id: version.id,
    format: version.format,
    masked,
    rows: rows.map((r) => ({
      line: r.line,
      file_name: r.fileName ?? null,
      file_line: r.fileLine,
      value: masked ? null : r.value,
    })),
  };
}
