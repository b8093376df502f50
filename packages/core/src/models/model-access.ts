import type { Action } from "@infera/contracts";
import { and, eq, tables } from "@infera/db";
import { type Access, authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { DomainError, forbidden, notFound } from "../shared/errors.js";

export type ModelRow = typeof tables.models.$inferSelect;
export type VersionRow = typeof tables.modelVersions.$inferSelect;

/** Reads anyone who may use a shared or public model may do; everything else is the owner's. */
const SHARED_READS = new Set<Action>([
  "model.read",
  "model.resolve",
  "model.version.list",
  "model.version.read",
  "model.file.download",
  "model.tag.list",
  "model.tag.history",
]);

async function inTenant(ctx: ServiceContext, tenantId: string): Promise<"member" | "finance" | null> {
  const p = ctx.principal;
  if (p.type === "service_account") return p.tenantId === tenantId ? "member" : null;
  if (p.type !== "user") return null;
  const [m] = await ctx.db
    .select({ role: tables.tenantUsers.role, status: tables.tenantUsers.status })
    .from(tables.tenantUsers)
    .where(and(eq(tables.tenantUsers.tenantId, tenantId), eq(tables.tenantUsers.userId, p.userId)));
  if (m?.status !== "active") return null;
  return m.role === "finance" ? "finance" : "member";
}

/**
 * Authorizes `action` on a model. A tenant model is decided by the matrix on the project that manages
 * it; a tenant-shared one may also be read by anyone of its tenant, a public system model by anyone
 * signed in. System models are changed only by the platform admin. Invisible models answer not_found.
 */
export async function authorizeModel(
  ctx: ServiceContext,
  action: Action,
  modelId: string,
  opts: { forUpdate?: boolean } = {},
): Promise<{ model: ModelRow; access: Access | null }> {
  if (ctx.principal.type === "anonymous")
    throw new DomainError("unauthenticated", "sign in or send a bearer token");
  const q = ctx.db.select().from(tables.models).where(eq(tables.models.id, modelId));
  const [model] = opts.forUpdate ? await q.for("update") : await q;
  if (!model) throw notFound("model");
  const isPlatformAdmin = ctx.principal.type === "user" && ctx.principal.isPlatformAdmin;
  if (model.ownerType === "platform") {
    if (isPlatformAdmin) return { model, access: null };
    if (model.visibility !== "public") throw notFound("model");
    if (SHARED_READS.has(action)) return { model, access: null };
    throw forbidden("system models are managed by the platform admin");
  }
  try {
    return { model, access: await authorize(ctx, action, { projectId: model.projectId! }) };
  } catch (err) {
    if (!(err instanceof DomainError) || (err.code !== "not_found" && err.code !== "forbidden")) throw err;
    if (model.visibility !== "tenant_shared") throw err.code === "not_found" ? notFound("model") : err;
    const role = await inTenant(ctx, model.tenantId!);
    if (!role) throw notFound("model");
    if (SHARED_READS.has(action) && !(action === "model.file.download" && role === "finance"))
      return { model, access: null };
    if (err.code === "forbidden") throw err;
    throw forbidden("only members of the project that manages this shared model may do this");
  }
}

/** The version and its model, authorized like the model. */
export async function authorizeVersion(
  ctx: ServiceContext,
  action: Action,
  versionId: string,
): Promise<{ model: ModelRow; version: VersionRow; access: Access | null }> {
  if (ctx.principal.type === "anonymous")
    throw new DomainError("unauthenticated", "sign in or send a bearer token");
  const [version] = await ctx.db
    .select()
    .from(tables.modelVersions)
    .where(eq(tables.modelVersions.id, versionId));
  if (!version) throw notFound("model version");
  try {
    const { model, access } = await authorizeModel(ctx, action, version.modelId);
    return { model, version, access };
  } catch (err) {
    if (err instanceof DomainError && err.code === "not_found") throw notFound("model version");
    throw err;
  }
}
