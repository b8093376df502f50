import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { findDependants } from "../references/reference-kinds.js";
import type { ServiceContext } from "../shared/context.js";
import { resourceInUse } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { authorizeModel } from "./model-access.js";
import { loadModelView } from "./to-model.js";

/** Deletes a model with its versions and tags, unless something outside it references it (resource_in_use). */
export async function deleteModel({ ctx, modelId }: { ctx: ServiceContext; modelId: string }): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const { model } = await authorizeModel(tx, ctx, "model.delete", modelId, { forUpdate: true });
    const versions = await tx
      .select({ id: tables.modelVersions.id })
      .from(tables.modelVersions)
      .where(eq(tables.modelVersions.modelId, modelId));
    const own = new Set(versions.map((v) => v.id));
    const dependants = (
      await findDependants(tx, [
        { type: "model", id: modelId },
        ...versions.map((v) => ({ type: "model_version" as const, id: v.id })),
      ])
    ).filter((d) => !own.has(d.id) && !(d.type === "model_tag" && d.id.startsWith(`${modelId}:`)));
    if (dependants.length)
      throw resourceInUse(`model "${model.name}" is used by ${dependants.length} resource(s)`, dependants);
    const before = (await loadModelView(tx, modelId, null))!;
    await tx.delete(tables.models).where(eq(tables.models.id, modelId));
    await recordAudit(tx, ctx, {
      action: "model.delete",
      resourceType: "model",
      resourceId: modelId,
      tenantId: model.tenantId,
      projectId: model.projectId,
      before,
    });
  });
}
