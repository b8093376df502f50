import type { Dependant } from "@infera/contracts";
import { and, eq, inArray, tables } from "@infera/db";
import { findDependants } from "../references/reference-kinds.js";
import type { ServiceContext } from "../shared/context.js";
import { authorizeModel } from "./model-access.js";

/** What references the model or its versions from outside it (its own tags and versions do not count). */
export async function modelDependants(ctx: ServiceContext, modelId: string): Promise<Dependant[]> {
  const versions = await ctx.db
    .select({ id: tables.modelVersions.id })
    .from(tables.modelVersions)
    .where(eq(tables.modelVersions.modelId, modelId));
  const own = new Set(versions.map((v) => v.id));
  return (
    await findDependants(ctx, [
      { type: "model", id: modelId },
      ...versions.map((v) => ({ type: "model_version" as const, id: v.id })),
    ])
  ).filter((d) => !own.has(d.id) && !(d.type === "model_tag" && d.id.startsWith(`${modelId}:`)));
}

/** The tenants whose resources the caller may see listed: those it belongs to (all, for a platform admin). */
async function visibleTenants(ctx: ServiceContext, tenantIds: string[]): Promise<Set<string>> {
  const p = ctx.principal;
  if (p.type === "user" && p.isPlatformAdmin) return new Set(tenantIds);
  if (p.type === "service_account") return new Set(tenantIds.filter((t) => t === p.tenantId));
  if (p.type !== "user" || tenantIds.length === 0) return new Set();
  const rows = await ctx.db
    .select({ tenantId: tables.tenantUsers.tenantId })
    .from(tables.tenantUsers)
    .where(
      and(
        eq(tables.tenantUsers.userId, p.userId),
        eq(tables.tenantUsers.status, "active"),
        inArray(tables.tenantUsers.tenantId, tenantIds),
      ),
    );
  return new Set(rows.map((r) => r.tenantId));
}

/**
 * The console's Usage tab: the model's dependants that the caller may know about. A public system
 * model is used across tenants; each caller sees only the uses inside its own tenants.
 */
export async function getModelUsage({
  ctx,
  modelId,
}: {
  ctx: ServiceContext;
  modelId: string;
}): Promise<{ dependants: Dependant[] }> {
  await authorizeModel(ctx, "model.read", modelId);
  const all = await modelDependants(ctx, modelId);
  const projectIds = [...new Set(all.map((d) => d.project_id).filter((id): id is string => Boolean(id)))];
  const projects = projectIds.length
    ? await ctx.db
        .select({ id: tables.projects.id, tenantId: tables.projects.tenantId })
        .from(tables.projects)
        .where(inArray(tables.projects.id, projectIds))
    : [];
  const tenantOf = new Map(projects.map((p) => [p.id, p.tenantId]));
  const visible = await visibleTenants(ctx, [...new Set(tenantOf.values())]);
  return {
    dependants: all.filter((d) => {
      const tenant = d.project_id ? tenantOf.get(d.project_id) : undefined;
      return tenant !== undefined && visible.has(tenant);
    }),
  };
}
