import type { AuditEvent, AuditListQuery, ListQuery } from "@infera/contracts";
import { and, eq, gte, like, lte, type SQL, sql, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { invalid } from "../shared/errors.js";
import { keyset, type Page } from "../shared/pagination.js";
import { toAuditEvent } from "./to-audit-event.js";

/** A tenant's events, a project's, or the platform chain's (`{ tenantId: "platform" }`: sign-ins, users, system models). */
export type AuditScope = { tenantId: string } | { projectId: string };

/** Audit events of a tenant or a project, newest first, filtered and paginated by keyset. */
export async function listAuditEvents({
  ctx,
  scope,
  query,
}: {
  ctx: ServiceContext;
  scope: AuditScope;
  query: ListQuery & AuditListQuery;
}): Promise<Page<AuditEvent>> {
  const t = tables.auditEvents;
  const where: SQL[] = [];
  if ("projectId" in scope) {
    await authorize(ctx, "project.audit.list", { projectId: scope.projectId });
    where.push(eq(t.projectId, scope.projectId));
  } else if (scope.tenantId === "platform") {
    await authorize(ctx, "platform.audit.list");
    where.push(eq(t.chainKey, "platform"));
  } else {
    await authorize(ctx, "tenant.audit.list", { tenantId: scope.tenantId });
    where.push(eq(t.tenantId, scope.tenantId));
    if (query.project_id) where.push(eq(t.projectId, query.project_id));
  }
  if (query.sort && query.sort !== "-created_at") throw invalid("audit events sort only by -created_at");
  if (query.from) where.push(gte(t.createdAt, new Date(query.from)));
  if (query.to) where.push(lte(t.createdAt, new Date(query.to)));
  if (query.actor_type) where.push(eq(t.actorType, query.actor_type));
  if (query.actor_id) where.push(eq(t.actorId, query.actor_id));
  if (query.actor) where.push(eq(t.actorLabel, query.actor));
  if (query.action) {
    const prefix = query.action.endsWith("*")
      ? query.action.slice(0, -1)
      : query.action.endsWith(".")
        ? query.action
        : null;
    where.push(
      prefix !== null ? like(t.action, `${prefix.replace(/[%_\\]/g, "\\$&")}%`) : eq(t.action, query.action),
    );
  }
  if (query.resource_type) where.push(eq(t.resourceType, query.resource_type));
  if (query.resource_id) where.push(eq(t.resourceId, query.resource_id));
  if (query.q) {
    const pattern = `%${query.q.replace(/[%_\\]/g, "\\$&")}%`;
    where.push(
      sql`(${t.action} ILIKE ${pattern} OR ${t.resourceId} ILIKE ${pattern} OR ${t.actorLabel} ILIKE ${pattern})`,
    );
  }
  const ks = keyset(query, {
    key: t.createdAt,
    id: t.id,
    type: "timestamp",
    direction: "desc",
    cursorOf: (r: typeof t.$inferSelect) => [r.createdAt, r.id],
  });
  const rows = await ctx.db
    .select()
    .from(t)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  return ks.page(rows, toAuditEvent);
}
