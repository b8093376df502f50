import type { CreateFineTuneTemplateInput, FineTuneTemplate } from "@infera/contracts";
import { isUniqueViolation, tables } from "@infera/db";
import { recordAudit } from "../../audit/record-audit.js";
import { authorize } from "../../authz/authorize.js";
import type { ServiceContext } from "../../shared/context.js";
import { newId } from "../../shared/ids.js";
import { withTransaction } from "../../shared/transaction.js";
import { actorIdOf } from "../job-access.js";
import { templateNameTaken, toFineTuneTemplate } from "./template-access.js";

/**
 * Saves a job configuration under a name in the project. Nothing it names is resolved now: models,
 * dataset versions and the resource class are checked when a job is created from it, as they may
 * change in between.
 */
export async function createFineTuneTemplate({
  ctx,
  projectId,
  input,
}: {
  ctx: ServiceContext;
  projectId: string;
  input: CreateFineTuneTemplateInput;
}): Promise<FineTuneTemplate> {
  const access = await authorize(ctx, "fine_tuning.template.create", { projectId });
  try {
    return await withTransaction(ctx, async (tx) => {
      const now = tx.now();
      const [row] = await tx.db
        .insert(tables.fineTuneTemplates)
        .values({
          id: newId("fineTuneTemplate"),
          tenantId: access.tenantId!,
          projectId,
          name: input.name,
          description: input.description,
          config: input.config,
          createdBy: actorIdOf(tx),
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const created = toFineTuneTemplate(row!);
      await recordAudit(tx, {
        action: "fine_tuning.template.create",
        resourceType: "fine_tune_template",
        resourceId: created.id,
        tenantId: access.tenantId,
        projectId,
        after: created,
      });
      return created;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw templateNameTaken(input.name);
    throw err;
  }
}
