import type { Dataset, DatasetVersion } from "@infera/contracts";
import type { ServiceContext } from "../shared/context.js";
import { authorizeDataset, authorizeDatasetVersion } from "./dataset-access.js";
import { loadDatasetVersionView, loadDatasetView } from "./to-dataset.js";

export async function getDataset({
  ctx,
  datasetId,
}: {
  ctx: ServiceContext;
  datasetId: string;
}): Promise<Dataset> {
  await authorizeDataset(ctx, "dataset.read", datasetId);
  return (await loadDatasetView(ctx.db, datasetId))!;
}

export async function getDatasetVersion({
  ctx,
  versionId,
}: {
  ctx: ServiceContext;
  versionId: string;
}): Promise<DatasetVersion> {
  const { dataset } = await authorizeDatasetVersion(ctx, "dataset.version.read", versionId);
  return (await loadDatasetVersionView(ctx.db, dataset.projectId, versionId))!;
}
