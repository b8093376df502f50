import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { findDependants } from "../references/reference-kinds.js";
import type { ServiceContext } from "../shared/context.js";
import { resourceInUse } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { authorizeDataset, authorizeDatasetVersion } from "./dataset-access.js";
import { loadDatasetVersionView } from "./to-dataset.js";

/** Deletes a version nothing references (its split parts count: delete them first). */
export async function deleteDatasetVersion({
  ctx,
  versionId,
}: {
  ctx: ServiceContext;
  versionId: string;
}): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const { dataset } = await authorizeDatasetVersion(tx, "dataset.version.delete", versionId);
    await authorizeDataset(tx, "dataset.version.delete", dataset.id, { forUpdate: true });
    const dependants = await findDependants(tx, [{ type: "dataset_version", id: versionId }]);
    if (dependants.length)
      throw resourceInUse(
        `dataset version ${versionId} is used by ${dependants.length} resource(s)`,
        dependants,
      );
    const before = (await loadDatasetVersionView(tx.db, dataset.projectId, versionId))!;
    await tx.db.delete(tables.datasetVersions).where(eq(tables.datasetVersions.id, versionId));
    await tx.db
      .update(tables.datasets)
      .set({ updatedAt: ctx.now() })
      .where(eq(tables.datasets.id, dataset.id));
    await recordAudit(tx, {
      action: "dataset.version.delete",
      resourceType: "dataset_version",
      resourceId: versionId,
      tenantId: dataset.tenantId,
      projectId: dataset.projectId,
      before: { ...before, schema: undefined },
    });
  });
}
