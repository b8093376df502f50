import type { CreateDatasetInput, Dataset } from "@infera/contracts";
import { isUniqueViolation, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict } from "../shared/errors.js";
import { newId } from "../shared/ids.js";
import { withTransaction } from "../shared/transaction.js";
import { loadDatasetView } from "./to-dataset.js";

export async function createDataset({
  ctx,
  projectId,
  input,
}: {
  ctx: ServiceContext;
  projectId: string;
  input: CreateDatasetInput;
}): Promise<Dataset> {
  const access = await authorize(ctx, "dataset.create", { projectId });
  try {
    return await withTransaction(ctx, async (tx) => {
      const id = newId("dataset");
      await tx.db.insert(tables.datasets).values({
        id,
        tenantId: access.tenantId!,
        projectId,
        name: input.name,
        description: input.description,
        format: input.format ?? null,
        tags: input.tags,
        createdBy: ctx.principal.type === "user" ? ctx.principal.userId : null,
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      });
      const dataset = (await loadDatasetView(tx.db, id))!;
      await recordAudit(tx, {
        action: "dataset.create",
        resourceType: "dataset",
        resourceId: id,
        tenantId: access.tenantId,
        projectId,
        after: dataset,
      });
      return dataset;
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict(`a dataset named "${input.name}" already exists in this project (names ignore case)`);
    throw err;
  }
}
