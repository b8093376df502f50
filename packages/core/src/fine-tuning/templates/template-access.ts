import type { Action, FineTuneTemplate, FineTuneTemplateConfig } from "@infera/contracts";
import { and, eq, tables } from "@infera/db";
import { type Access, authorize } from "../../authz/authorize.js";
import type { ServiceContext } from "../../shared/context.js";
import { DomainError, notFound } from "../../shared/errors.js";

export type TemplateRow = typeof tables.fineTuneTemplates.$inferSelect;

const TEMPLATE_ID = /^ftt_[0-9a-z]{26}$/;

export function toFineTuneTemplate(r: TemplateRow): FineTuneTemplate {
  return {
    id: r.id,
    tenant_id: r.tenantId,
    project_id: r.projectId,
    name: r.name,
    description: r.description,
    config: r.config as FineTuneTemplateConfig,
    created_by: r.createdBy,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

/**
 * Reads the template and decides `action` on its project. An unknown id, and one of a project or
 * tenant the caller cannot see, are the same not_found.
 */
export async function authorizeTemplate(
  ctx: ServiceContext,
  action: Action,
  templateId: string,
  opts: { forUpdate?: boolean } = {},
): Promise<{ template: TemplateRow; access: Access }> {
  if (ctx.principal.type === "anonymous")
    throw new DomainError("unauthenticated", "sign in or send a bearer token");
  if (!TEMPLATE_ID.test(templateId)) throw notFound("fine-tuning template");
  const q = ctx.db.select().from(tables.fineTuneTemplates).where(eq(tables.fineTuneTemplates.id, templateId));
  const [template] = opts.forUpdate ? await q.for("update") : await q;
  if (!template) throw notFound("fine-tuning template");
  try {
    return { template, access: await authorize(ctx, action, { projectId: template.projectId }) };
  } catch (err) {
    if (err instanceof DomainError && err.code === "not_found") throw notFound("fine-tuning template");
    throw err;
  }
}

/** A template of this project (the caller is already authorized on it); any other id is not_found. */
export async function templateInProject(
  ctx: ServiceContext,
  projectId: string,
  templateId: string,
): Promise<TemplateRow> {
  const t = tables.fineTuneTemplates;
  const [row] = TEMPLATE_ID.test(templateId)
    ? await ctx.db
        .select()
        .from(t)
        .where(and(eq(t.id, templateId), eq(t.projectId, projectId)))
    : [];
  if (!row) throw notFound(`fine-tuning template ${templateId}`);
  return row;
}

/** The answer to a name another template of the project already has (names ignore case). */
export function templateNameTaken(name: string): DomainError {
  return new DomainError(
    "conflict",
    `a fine-tuning template named "${name}" already exists in this project (names ignore case)`,
    { field: "name", reason: "template_name_taken" },
  );
}
