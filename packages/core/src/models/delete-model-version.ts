import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { findDependants } from "../references/reference-kinds.js";
import type { ServiceContext } from "../shared/context.js";
import { resourceInUse } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { authorizeModel, authorizeVersion } from "./model-access.js";
import { loadVersionView } from "./to-model.js";

/** Deletes a version nothing references (a tag pointing at it counts: move or delete the tag first). */
export async function deleteModelVersion({
  ctx,
  versionId,
}: {
  ctx: ServiceContext;
  versionId: string;
}): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const { version } = await authorizeVersion(tx, "model.version.delete", versionId);
    const { model } = await authorizeModel(tx, "model.version.delete", version.modelId, {
      forUpdate: true,
    });
    const dependants = await findDependants(tx, [{ type: "model_version", id: versionId }]);
    if (dependants.length)
      throw resourceInUse(`version ${versionId} is used by ${dependants.length} resource(s)`, dependants);
    const before = (await loadVersionView(tx.db, versionId))!;
    await tx.db.delete(tables.modelVersions).where(eq(tables.modelVersions.id, versionId));
    await recordAudit(tx, {
      action: "model.version.delete",
      resourceType: "model_version",
      resourceId: versionId,
      tenantId: model.tenantId,
      projectId: model.projectId,
      before: { ...before, metadata: { ...before.metadata, chat_template: undefined, files: undefined } },
    });
  });
}
