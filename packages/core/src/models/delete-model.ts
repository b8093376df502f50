import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import type { ServiceContext } from "../shared/context.js";
import { resourceInUse } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { authorizeModel } from "./model-access.js";
import { modelDependants } from "./model-usage.js";
import { loadModelView } from "./to-model.js";

/** Deletes a model with its versions and tags, unless something outside it references it (resource_in_use). */
export async function deleteModel({ ctx, modelId }: { ctx: ServiceContext; modelId: string }): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const { model } = await authorizeModel(tx, "model.delete", modelId, { forUpdate: true });
    const dependants = await modelDependants(tx, modelId);
    if (dependants.length)
      throw resourceInUse(`model "${model.name}" is used by ${dependants.length} resource(s)`, dependants);
    const before = (await loadModelView(tx.db, modelId, null))!;
    await tx.db.delete(tables.models).where(eq(tables.models.id, modelId));
    await recordAudit(tx, {
      action: "model.delete",
      resourceType: "model",
      resourceId: modelId,
      tenantId: model.tenantId,
      projectId: model.projectId,
      before,
    });
  });
}
