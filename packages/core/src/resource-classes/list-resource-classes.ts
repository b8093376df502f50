import type { ListQuery, ResourceClass } from "@infera/contracts";
import { and, type SQL, sql, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { keyset, type Page } from "../shared/pagination.js";
import { toResourceClass } from "./to-resource-class.js";

/** The classes jobs may ask for, by name; the platform admin also sees disabled ones. */
export async function listResourceClasses({
  ctx,
  query,
}: {
  ctx: ServiceContext;
  query: Pick<ListQuery, "limit" | "cursor">;
}): Promise<Page<ResourceClass>> {
  const access = await authorize(ctx, "resource_class.list");
  const r = tables.resourceClasses;
  const where: SQL[] = [];
  if (!access.subject.isPlatformAdmin) where.push(sql`${r.enabled}`);
  const ks = keyset(query, {
    key: r.name,
    id: r.name,
    type: "text",
    direction: "asc",
    cursorOf: (row: typeof r.$inferSelect) => [row.name, row.name],
  });
  const rows = await ctx.db
    .select()
    .from(r)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  return ks.page(rows, toResourceClass);
}
