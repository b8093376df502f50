import type { ListQuery, TenantRole, TenantUser } from "@infera/contracts";
import { and, eq, type SQL, sql, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { keyset, type Page, parseSort } from "../shared/pagination.js";
import { tenantUserColumns, toTenantUser } from "./tenant-user-queries.js";

const SORTS = ["email", "created_at"] as const;

export async function listTenantUsers({
  ctx,
  tenantId,
  query,
}: {
  ctx: ServiceContext;
  tenantId: string;
  query: ListQuery & { role?: TenantRole; status?: "active" | "disabled" };
}): Promise<Page<TenantUser>> {
  await authorize(ctx, "tenant.user.list", { tenantId });
  const tu = tables.tenantUsers;
  const u = tables.users;
  const where: SQL[] = [eq(tu.tenantId, tenantId)];
  if (query.role) where.push(eq(tu.role, query.role));
  if (query.status) where.push(eq(tu.status, query.status));
  if (query.q) {
    const pattern = `%${query.q.replace(/[%_\\]/g, "\\$&")}%`;
    where.push(sql`(${u.email} ILIKE ${pattern} OR ${u.name} ILIKE ${pattern})`);
  }
  const sort = parseSort(query.sort, SORTS, { field: "email", direction: "asc" });
  const ks = keyset(query, {
    key: sort.field === "email" ? sql`lower(${u.email})` : tu.createdAt,
    id: tu.userId,
    type: sort.field === "email" ? "text" : "timestamp",
    direction: sort.direction,
    cursorOf: (r: { tu: typeof tu.$inferSelect; email: string }) => [
      sort.field === "email" ? r.email.toLowerCase() : r.tu.createdAt,
      r.tu.userId,
    ],
  });
  const rows = await ctx.db
    .select(tenantUserColumns)
    .from(tu)
    .innerJoin(u, eq(u.id, tu.userId))
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  return ks.page(rows, toTenantUser);
}
