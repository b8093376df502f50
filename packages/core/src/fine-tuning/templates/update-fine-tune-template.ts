import type { FineTuneTemplate, UpdateFineTuneTemplateInput } from "@infera/contracts";
import { eq, isUniqueViolation, tables } from "@infera/db";
import { recordAudit } from "../../audit/record-audit.js";
import type { ServiceContext } from "../../shared/context.js";
import { withTransaction } from "../../shared/transaction.js";
import { authorizeTemplate, templateNameTaken, toFineTuneTemplate } from "./template-access.js";

/**
 * Renames, describes or replaces the configuration of a template. The row is locked while it
 * changes, so two edits apply one after the other (the last one wins field by field); jobs already
 * made from it keep their configuration.
 */
export async function updateFineTuneTemplate({
  ctx,
  templateId,
  input,
}: {
  ctx: ServiceContext;
  templateId: string;
  input: UpdateFineTuneTemplateInput;
}): Promise<FineTuneTemplate> {
  try {
    return await withTransaction(ctx, async (tx) => {
      const { template } = await authorizeTemplate(tx, "fine_tuning.template.update", templateId, {
        forUpdate: true,
      });
      const [row] = await tx.db
        .update(tables.fineTuneTemplates)
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.config !== undefined ? { config: input.config } : {}),
          updatedAt: tx.now(),
        })
        .where(eq(tables.fineTuneTemplates.id, templateId))
        .returning();
      const after = toFineTuneTemplate(row!);
      await recordAudit(tx, {
        action: "fine_tuning.template.update",
        resourceType: "fine_tune_template",
        resourceId: templateId,
        tenantId: template.tenantId,
        projectId: template.projectId,
        before: toFineTuneTemplate(template),
        after,
      });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw templateNameTaken(input.name ?? "");
    throw err;
  }
}
