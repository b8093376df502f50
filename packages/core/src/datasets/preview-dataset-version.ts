import type { DatasetPreview } from "@infera/contracts";
import { normalizedRecord, previewRows } from "@infera/dataset-validation";
import type { ServiceContext } from "../shared/context.js";
import { authorizeDatasetVersion } from "./dataset-access.js";
import { blobSources } from "./dataset-files.js";
import { versionReading } from "./dataset-reading.js";
import { versionFiles } from "./version-files.js";

/**
 * The first rows of a version, read from its files as they were validated (shape, containers,
 * mapping): each as mapped and in the internal form. Roles that may not read content get locations only.
 */
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
  const masked = access.decision.masked === true;
  const files = await versionFiles(ctx.db, version.id);
  const rows = await previewRows(blobSources(ctx.blobs, files), limit, versionReading(version, files));
  return {
    version_id: version.id,
    format: version.format,
    shape: version.shape ?? version.format,
    masked,
    rows: rows.map((r) => ({
      line: r.line,
      file_name: r.fileName ?? null,
      file_line: r.fileLine,
      value: masked ? null : r.value,
      normalized: masked ? null : normalizedRecord(r.record),
    })),
  };
}
