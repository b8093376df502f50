import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import type { ServiceContext } from "../shared/context.js";
import { resourceInUse } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { authorizeDataset } from "./dataset-access.js";
import { datasetDependants } from "./dataset-usage.js";
import { loadDatasetView } from "./to-dataset.js";

/** Deletes a dataset with its versions, unless something outside it references them (resource_in_use). */
export async function deleteDataset({
  ctx,
  datasetId,
}: {
  ctx: ServiceContext;
  datasetId: string;
}): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const { dataset } = await authorizeDataset(tx, "dataset.delete", datasetId, { forUpdate: true });
    const dependants = await datasetDependants(tx, datasetId);
    if (dependants.length)
      throw resourceInUse(
        `dataset "${dataset.name}" is used by ${dependants.length} resource(s)`,
        dependants,
      );
    const before = (await loadDatasetView(tx.db, datasetId))!;
    await tx.db.delete(tables.datasets).where(eq(tables.datasets.id, datasetId));
    await recordAudit(tx, {
      action: "dataset.delete",
      resourceType: "dataset",
      resourceId: datasetId,
      tenantId: dataset.tenantId,
      projectId: dataset.projectId,
      before,
    });
  });
}
