import { and, eq, tables } from "@infera/db";
import { recordAudit } from "../../audit/record-audit.js";
import type { ServiceContext } from "../../shared/context.js";
import { notFound } from "../../shared/errors.js";
import { withTransaction } from "../../shared/transaction.js";
import { authorizeModel } from "../model-access.js";
import { applyTagMove } from "./apply-tag-move.js";

export async function deleteModelTag({
  ctx,
  modelId,
  tag,
}: {
  ctx: ServiceContext;
  modelId: string;
  tag: string;
}): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const { model } = await authorizeModel(tx, "model.tag.delete", modelId, { forUpdate: true });
    const [current] = await tx.db
      .select()
      .from(tables.modelTags)
      .where(and(eq(tables.modelTags.modelId, modelId), eq(tables.modelTags.tag, tag)));
    if (!current) throw notFound(`tag "${tag.slice(0, 100)}"`);
    await applyTagMove(tx, { modelId, tag, to: null, action: "delete", reason: "", forced: false });
    await recordAudit(tx, {
      action: "model.tag.delete",
      resourceType: "model_tag",
      resourceId: `${modelId}:${tag}`,
      tenantId: model.tenantId,
      projectId: model.projectId,
      before: { model_id: modelId, tag, version_id: current.versionId },
    });
  });
}
