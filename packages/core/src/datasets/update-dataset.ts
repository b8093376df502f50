import type { Dataset, UpdateDatasetInput } from "@infera/contracts";
import { eq, isUniqueViolation, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { authorizeDataset } from "./dataset-access.js";
import { loadDatasetView } from "./to-dataset.js";

export async function updateDataset({
  ctx,
  datasetId,
  input,
}: {
  ctx: ServiceContext;
  datasetId: string;
  input: UpdateDatasetInput;
}): Promise<Dataset> {
  try {
    return await withTransaction(ctx, async (tx) => {
      const { dataset } = await authorizeDataset(tx, "dataset.update", datasetId, { forUpdate: true });
      const before = (await loadDatasetView(tx.db, datasetId))!;
      await tx.db
        .update(tables.datasets)
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.tags !== undefined ? { tags: input.tags } : {}),
          // The mapping later versions reuse; null (or {}) forgets it.
          ...(input.mapping !== undefined
            ? { mapping: input.mapping && Object.keys(input.mapping).length > 0 ? input.mapping : null }
            : {}),
          updatedAt: ctx.now(),
        })
        .where(eq(tables.datasets.id, datasetId));
      const after = (await loadDatasetView(tx.db, datasetId))!;
      await recordAudit(tx, {
        action: "dataset.update",
        resourceType: "dataset",
        resourceId: datasetId,
        tenantId: dataset.tenantId,
        projectId: dataset.projectId,
        before,
        after,
      });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict(`a dataset named "${input.name}" already exists in this project (names ignore case)`);
    throw err;
  }
}
