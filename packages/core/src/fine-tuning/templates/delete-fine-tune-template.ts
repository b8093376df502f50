import { eq, tables } from "@infera/db";
import { recordAudit } from "../../audit/record-audit.js";
import type { ServiceContext } from "../../shared/context.js";
import { withTransaction } from "../../shared/transaction.js";
import { authorizeTemplate, toFineTuneTemplate } from "./template-access.js";

/** Deletes the template; jobs made from it keep their configuration and still name its id. */
export async function deleteFineTuneTemplate({
  ctx,
  templateId,
}: {
  ctx: ServiceContext;
  templateId: string;
}): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const { template } = await authorizeTemplate(tx, "fine_tuning.template.delete", templateId, {
      forUpdate: true,
    });
    await tx.db.delete(tables.fineTuneTemplates).where(eq(tables.fineTuneTemplates.id, templateId));
    await recordAudit(tx, {
      action: "fine_tuning.template.delete",
      resourceType: "fine_tune_template",
      resourceId: templateId,
      tenantId: template.tenantId,
      projectId: template.projectId,
      before: toFineTuneTemplate(template),
    });
  });
}
