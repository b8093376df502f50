import type { Model, UpdateModelInput } from "@infera/contracts";
import { eq, isUniqueViolation, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict, invalid } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { authorizeModel } from "./model-access.js";
import { loadModelView } from "./to-model.js";

export async function updateModel({
  ctx,
  modelId,
  input,
}: {
  ctx: ServiceContext;
  modelId: string;
  input: UpdateModelInput;
}): Promise<Model> {
  try {
    return await withTransaction(ctx, async (tx) => {
      const { model } = await authorizeModel(tx, "model.update", modelId, { forUpdate: true });
      if (model.ownerType === "tenant" && input.visibility === "public")
        throw invalid(
          "visibility public is for system models; a project's model is private or tenant_shared",
        );
      const before = (await loadModelView(tx.db, modelId, null))!;
      await tx.db
        .update(tables.models)
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.visibility !== undefined ? { visibility: input.visibility } : {}),
          ...(input.source !== undefined ? { source: input.source } : {}),
          ...(input.license !== undefined ? { license: input.license } : {}),
          updatedAt: ctx.now(),
        })
        .where(eq(tables.models.id, modelId));
      const after = (await loadModelView(tx.db, modelId, null))!;
      await recordAudit(tx, {
        action: "model.update",
        resourceType: "model",
        resourceId: modelId,
        tenantId: model.tenantId,
        projectId: model.projectId,
        before,
        after,
      });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`a model named "${input.name}" already exists`);
    throw err;
  }
}
