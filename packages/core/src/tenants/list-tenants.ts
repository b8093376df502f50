import type { ListQuery, Tenant, TenantRole } from "@infera/contracts";
import { and, eq, type SQL, sql, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { keyset, type Page } from "../shared/pagination.js";
import { toTenant } from "./to-tenant.js";

/** Tenants the caller belongs to; every tenant for the platform admin. */
export async function listTenants({
  ctx,
  query,
}: {
  ctx: ServiceContext;
  query: ListQuery;
}): Promise<Page<Tenant>> {
  await authorize(ctx, "tenant.list");
  const p = ctx.principal;
  const t = tables.tenants;
  const where: SQL[] = [];
  const userId = p.type === "user" ? p.userId : null;
  const roleSql = userId
    ? sql<TenantRole | null>`(select tu.role from tenant_users tu where tu.tenant_id = ${t.id} and tu.user_id = ${userId} and tu.status = 'active')`
    : sql<TenantRole | null>`null`;
  if (p.type === "service_account") where.push(eq(t.id, p.tenantId));
  else if (p.type === "user" && !p.isPlatformAdmin) {
    where.push(
      sql`exists (select 1 from tenant_users tu where tu.tenant_id = ${t.id} and tu.user_id = ${userId} and tu.status = 'active')`,
    );
  }
  if (query.q) where.push(sql`${t.name} ILIKE ${`%${query.q.replace(/[%_\\]/g, "\\$&")}%`}`);
  const ks = keyset(query, {
    key: sql`lower(${t.name})`,
    id: t.id,
    type: "text",
    direction: "asc",
    cursorOf: (r: { t: typeof t.$inferSelect }) => [r.t.name.toLowerCase(), r.t.id],
  });
  const rows = await ctx.db
    .select({ t, role: roleSql })
    .from(t)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  return ks.page(rows, (r) => toTenant(r.t, r.role));
}
