import type { Dependant } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { findDependants } from "../references/reference-kinds.js";
import type { ServiceContext } from "../shared/context.js";
import { authorizeDataset, authorizeDatasetVersion } from "./dataset-access.js";

/** What references the dataset or any of its versions from outside it (its own split parts do not count). */
export async function datasetDependants(ctx: ServiceContext, datasetId: string): Promise<Dependant[]> {
  const versions = await ctx.db
    .select({ id: tables.datasetVersions.id })
    .from(tables.datasetVersions)
    .where(eq(tables.datasetVersions.datasetId, datasetId));
  const own = new Set(versions.map((v) => v.id));
  return (
    await findDependants(ctx, [
      { type: "dataset", id: datasetId },
      ...versions.map((v) => ({ type: "dataset_version" as const, id: v.id })),
    ])
  ).filter((d) => !(d.type === "dataset_version" && own.has(d.id)));
}

/** The console's Usage tab for a dataset. */
export async function getDatasetUsage({ ctx, datasetId }: { ctx: ServiceContext; datasetId: string }) {
  await authorizeDataset(ctx, "dataset.usage", datasetId);
  return { dependants: await datasetDependants(ctx, datasetId) };
}

/** Everything that references one version, its derived split parts included. */
export async function getDatasetVersionUsage({ ctx, versionId }: { ctx: ServiceContext; versionId: string }) {
  await authorizeDatasetVersion(ctx, "dataset.usage", versionId);
  return { dependants: await findDependants(ctx, [{ type: "dataset_version", id: versionId }]) };
}
