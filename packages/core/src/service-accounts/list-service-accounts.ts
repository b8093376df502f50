import type { ListQuery, ServiceAccount } from "@infera/contracts";
import { and, eq, type SQL, sql, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { keyset, type Page, parseSort } from "../shared/pagination.js";
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
  await authorize(ctx, "project.service_account.list", { projectId });
  const s = tables.serviceAccounts;
  const where: SQL[] = [eq(s.projectId, projectId)];
  if (query.status) where.push(eq(s.status, query.status));
  if (query.q) {
    const pattern = `%${query.q.replace(/[%_\\]/g, "\\$&")}%`;
    where.push(sql`(${s.name} ILIKE ${pattern} OR ${s.id} = ${query.q})`);
  }
  const sort = parseSort(query.sort, SORTS, { field: "created_at", direction: "desc" });
  const ks = keyset(query, {
    key: sort.field === "name" ? sql`lower(${s.name})` : s.createdAt,
    id: s.id,
    type: sort.field === "name" ? "text" : "timestamp",
    direction: sort.direction,
    cursorOf: (r: { sa: typeof s.$inferSelect }) => [
      sort.field === "name" ? r.sa.name.toLowerCase() : r.sa.createdAt,
      r.sa.id,
    ],
  });
  const rows = await ctx.db
    .select({ sa: s, activeTokens: activeTokensSql })
    .from(s)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  return ks.page(rows, (r) => toServiceAccount(r.sa, r.activeTokens));
}
