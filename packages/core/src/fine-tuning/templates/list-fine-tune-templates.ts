import type { FineTuneTemplate, ListQuery } from "@infera/contracts";
import { and, type SQL, sql, tables } from "@infera/db";
import { authorize } from "../../authz/authorize.js";
import type { ServiceContext } from "../../shared/context.js";
import { keyset, type Page, parseSort } from "../../shared/pagination.js";
import { type TemplateRow, toFineTuneTemplate } from "./template-access.js";

const SORTS = ["created_at", "updated_at", "name"] as const;

/** The project's templates, newest first (or by `sort`); `q` finds a part of the name or description, or the id. */
export async function listFineTuneTemplates({
  ctx,
  projectId,
  query,
}: {
  ctx: ServiceContext;
  projectId: string;
  query: ListQuery;
}): Promise<Page<FineTuneTemplate>> {
  await authorize(ctx, "fine_tuning.template.list", { projectId });
  const t = tables.fineTuneTemplates;
  const where: SQL[] = [sql`${t.projectId} = ${projectId}`];
  if (query.q) {
    const pattern = `%${query.q.replace(/[%_\\]/g, "\\$&")}%`;
    where.push(
      sql`(${t.name} ILIKE ${pattern} OR ${t.description} ILIKE ${pattern} OR ${t.id} = ${query.q})`,
    );
  }
  const sort = parseSort(query.sort, SORTS, { field: "created_at", direction: "desc" });
  const ks = keyset(query, {
    key:
      sort.field === "name" ? sql`lower(${t.name})` : sort.field === "updated_at" ? t.updatedAt : t.createdAt,
    id: t.id,
    type: sort.field === "name" ? "text" : "timestamp",
    direction: sort.direction,
    cursorOf: (r: TemplateRow) => [
      sort.field === "name" ? r.name.toLowerCase() : sort.field === "updated_at" ? r.updatedAt : r.createdAt,
      r.id,
    ],
  });
  const rows = await ctx.db
    .select()
    .from(t)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  return ks.page(rows, toFineTuneTemplate);
}
