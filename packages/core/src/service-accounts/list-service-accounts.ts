import type { ListQuery, ServiceAccount } from "@infera/contracts";
import { and, eq, type SQL, sql, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { invalid } from "../shared/errors.js";
import { decodeCursor, encodeCursor, type Page, parseSort, toPage } from "../shared/pagination.js";
import { activeTokensSql, toServiceAccount } from "./service-account-queries.js";

const SORTS = ["created_at", "name"] as const;

export async function listServiceAccounts({
  ctx,
  projectId,
  query,
}: {
  ctx: ServiceContext;
  projectId: string;
  query: ListQuery & { status?: "active" | "disabled" };
}): Promise<Page<ServiceAccount>> {
  await authorize(ctx.db, ctx, "project.service_account.list", { projectId });
  const s = tables.serviceAccounts;
  const where: SQL[] = [eq(s.projectId, projectId)];
  if (query.status) where.push(eq(s.status, query.status));
  if (query.q) {
    const pattern = `%${query.q.replace(/[%_\\]/g, "\\$&")}%`;
    where.push(sql`(${s.name} ILIKE ${pattern} OR ${s.id} = ${query.q})`);
  }
  const sort = parseSort(query.sort, SORTS, { field: "created_at", direction: "desc" });
  const key = sort.field === "name" ? sql`lower(${s.name})` : sql`${s.createdAt}`;
  const dir = sort.direction === "desc" ? sql`desc` : sql`asc`;
  const cursor = decodeCursor(query.cursor);
  if (cursor) {
    if (typeof cursor.value !== "string") throw invalid("cursor is not valid; start again without it");
    const value = sort.field === "name" ? sql`${cursor.value}` : sql`${cursor.value}::timestamptz`;
    where.push(
      sort.direction === "desc"
        ? sql`(${key}, ${s.id}) < (${value}, ${cursor.id})`
        : sql`(${key}, ${s.id}) > (${value}, ${cursor.id})`,
    );
  }
  const rows = await ctx.db
    .select({ sa: s, activeTokens: activeTokensSql })
    .from(s)
    .where(and(...where))
    .orderBy(sql`${key} ${dir}`, sql`${s.id} ${dir}`)
    .limit(query.limit + 1);
  return toPage(
    rows,
    query,
    (r) => toServiceAccount(r.sa, r.activeTokens),
    (r) =>
      encodeCursor(sort.field === "name" ? r.sa.name.toLowerCase() : r.sa.createdAt.toISOString(), r.sa.id),
  );
}
