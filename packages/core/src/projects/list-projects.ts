import type { ListQuery, Project, ProjectRole } from "@infera/contracts";
import { and, type SQL, sql, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { keyset, type Page, parseSort } from "../shared/pagination.js";
import { ownerEmailSql, ownerIdSql, toProject } from "./to-project.js";

const SORTS = ["created_at", "updated_at", "name"] as const;

/** Projects of a tenant the caller can see: all for admins and finance, their own for members. */
export async function listProjects({
  ctx,
  tenantId,
  query,
}: {
  ctx: ServiceContext;
  tenantId: string;
  query: ListQuery & { env?: "dev" | "test" | "prod"; owner_id?: string };
}): Promise<Page<Project>> {
  const access = await authorize(ctx, "project.list", { tenantId });
  const p = tables.projects;
  const userId = ctx.principal.type === "user" ? ctx.principal.userId : null;
  const roleSql = userId
    ? sql<ProjectRole | null>`(select pm.role from project_members pm where pm.project_id = ${p.id} and pm.user_id = ${userId})`
    : sql<ProjectRole | null>`null`;
  const where: SQL[] = [sql`${p.tenantId} = ${tenantId}`];
  const seesAll =
    access.subject.isPlatformAdmin ||
    access.subject.tenantRole === "tenant_admin" ||
    access.subject.tenantRole === "finance";
  if (ctx.principal.type === "service_account") where.push(sql`${p.id} = ${ctx.principal.projectId}`);
  else if (!seesAll)
    where.push(
      sql`exists (select 1 from project_members pm where pm.project_id = ${p.id} and pm.user_id = ${userId})`,
    );
  if (query.env) where.push(sql`${p.env} = ${query.env}`);
  if (query.owner_id) {
    where.push(
      sql`exists (select 1 from project_members pm where pm.project_id = ${p.id} and pm.user_id = ${query.owner_id} and pm.role = 'owner')`,
    );
  }
  if (query.q) {
    const pattern = `%${query.q.replace(/[%_\\]/g, "\\$&")}%`;
    where.push(sql`(${p.name} ILIKE ${pattern} OR ${p.id} = ${query.q})`);
  }

  const sort = parseSort(query.sort, SORTS, { field: "created_at", direction: "desc" });
  const ks = keyset(query, {
    key:
      sort.field === "name" ? sql`lower(${p.name})` : sort.field === "updated_at" ? p.updatedAt : p.createdAt,
    id: p.id,
    type: sort.field === "name" ? "text" : "timestamp",
    direction: sort.direction,
    cursorOf: (r: { p: typeof p.$inferSelect }) => [
      sort.field === "name"
        ? r.p.name.toLowerCase()
        : sort.field === "updated_at"
          ? r.p.updatedAt
          : r.p.createdAt,
      r.p.id,
    ],
  });
  const rows = await ctx.db
    .select({ p, ownerId: ownerIdSql, ownerEmail: ownerEmailSql, role: roleSql })
    .from(p)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  return ks.page(rows, (r) => toProject({ ...r.p, ownerId: r.ownerId, ownerEmail: r.ownerEmail }, r.role));
}
