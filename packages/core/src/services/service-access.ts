import type { Action, ServiceRevision, ServiceRevisionConfig } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { type Access, authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { DomainError, notFound } from "../shared/errors.js";

export type ServiceRow = typeof tables.services.$inferSelect;
export type RevisionRow = typeof tables.serviceRevisions.$inferSelect;

const SERVICE_ID = /^svc_[0-9a-z]{26}$/;
const REVISION_ID = /^rev_[0-9a-z]{26}$/;

function unauthenticated(ctx: ServiceContext) {
  if (ctx.principal.type === "anonymous")
    throw new DomainError("unauthenticated", "sign in or send a bearer token");
}

/** Decides `action` on the project; a project the caller cannot see makes the resource not_found. */
async function onProject(ctx: ServiceContext, action: Action, projectId: string, what: string) {
  try {
    return await authorize(ctx, action, { projectId });
  } catch (err) {
    if (err instanceof DomainError && err.code === "not_found") throw notFound(what);
    throw err;
  }
}

/**
 * The service, after deciding `action` on its project. Another tenant's (or an unknown) id answers
 * not_found alike. `forUpdate` locks the row: every change of a service's revisions and traffic
 * holds it, so two deploys or a deploy and a traffic edit never interleave.
 */
export async function authorizeService(
  ctx: ServiceContext,
  action: Action,
  serviceId: string,
  opts: { forUpdate?: boolean } = {},
): Promise<{ service: ServiceRow; access: Access }> {
  unauthenticated(ctx);
  if (!SERVICE_ID.test(serviceId)) throw notFound("service");
  const q = ctx.db.select().from(tables.services).where(eq(tables.services.id, serviceId));
  const [service] = opts.forUpdate ? await q.for("update") : await q;
  if (!service) throw notFound("service");
  const access = await onProject(ctx, action, service.projectId, "service");
  return { service, access };
}

export async function authorizeRevision(
  ctx: ServiceContext,
  action: Action,
  revisionId: string,
): Promise<{ revision: RevisionRow; service: ServiceRow }> {
  unauthenticated(ctx);
  if (!REVISION_ID.test(revisionId)) throw notFound("service revision");
  const r = tables.serviceRevisions;
  const [row] = await ctx.db
    .select({ revision: r, service: tables.services })
    .from(r)
    .innerJoin(tables.services, eq(tables.services.id, r.serviceId))
    .where(eq(r.id, revisionId));
  if (!row) throw notFound("service revision");
  await onProject(ctx, action, row.service.projectId, "service revision");
  return row;
}

/** The revisions of a service, oldest first. */
export async function revisionsOf(ctx: ServiceContext, serviceId: string): Promise<RevisionRow[]> {
  const r = tables.serviceRevisions;
  return ctx.db.select().from(r).where(eq(r.serviceId, serviceId)).orderBy(r.number);
}

/** The revision as the API shows it: never its sealed key. */
export function toRevision(r: RevisionRow): ServiceRevision {
  return {
    id: r.id,
    service_id: r.serviceId,
    number: r.number,
    config: r.config as unknown as ServiceRevisionConfig,
    config_hash: r.configHash,
    model_version_id: r.modelVersionId,
    runtime: r.runtimeKind as ServiceRevision["runtime"],
    traffic_percent: r.trafficPercent,
    current_state: r.currentState,
    state_since: r.stateSince.toISOString(),
    failure_reason: r.failureReason,
    wait_reason: r.waitReason,
    created_by: r.createdBy,
    created_at: r.createdAt.toISOString(),
  };
}

/** The service row as it stands now (after a change in this transaction). */
export async function reloadService(ctx: ServiceContext, serviceId: string): Promise<ServiceRow> {
  const [row] = await ctx.db.select().from(tables.services).where(eq(tables.services.id, serviceId));
  if (!row) throw notFound("service");
  return row;
}
