import type { ListQuery, TenantRole, TenantUser } from "@infera/contracts";
import { and, eq, type SQL, sql, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { invalid } from "../shared/errors.js";
import { decodeCursor, encodeCursor, type Page, parseSort, toPage } from "../shared/pagination.js";
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
  await authorize(ctx.db, ctx, "tenant.user.list", { tenantId });
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
  const key = sort.field === "email" ? sql`lower(${u.email})` : sql`${tu.createdAt}`;
  const dir = sort.direction === "desc" ? sql`desc` : sql`asc`;
  const cursor = decodeCursor(query.cursor);
  if (cursor) {
    if (typeof cursor.value !== "string") throw invalid("cursor is not valid; start again without it");
    const value = sort.field === "email" ? sql`${cursor.value}` : sql`${cursor.value}::timestamptz`;
    where.push(
      sort.direction === "desc"
        ? sql`(${key}, ${tu.userId}) < (${value}, ${cursor.id})`
        : sql`(${key}, ${tu.userId}) > (${value}, ${cursor.id})`,
    );
  }
  const rows = await ctx.db
    .select(tenantUserColumns)
    .from(tu)
    .innerJoin(u, eq(u.id, tu.userId))
    .where(and(...where))
    .orderBy(sql`${key} ${dir}`, sql`${tu.userId} ${dir}`)
    .limit(query.limit + 1);
  return toPage(rows, query, toTenantUser, (r) =>
    encodeCursor(sort.field === "email" ? r.email.toLowerCase() : r.tu.createdAt.toISOString(), r.tu.userId),
  );
}
