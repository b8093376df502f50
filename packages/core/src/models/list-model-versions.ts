import type { ListQuery, ModelVersion, ModelVersionListQuery } from "@infera/contracts";
import { and, type SQL, sql, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { keyset, type Page, parseSort } from "../shared/pagination.js";
import { authorizeModel } from "./model-access.js";
import { toModelVersions } from "./to-model.js";

const SORTS = ["created_at", "size"] as const;

export async function listModelVersions({
  ctx,
  modelId,
  query,
}: {
  ctx: ServiceContext;
  modelId: string;
  query: ListQuery & ModelVersionListQuery;
}): Promise<Page<ModelVersion>> {
  await authorizeModel(ctx, "model.version.list", modelId);
  const v = tables.modelVersions;
  const where: SQL[] = [sql`${v.modelId} = ${modelId}`];
  if (query.artifact_type) where.push(sql`${v.artifactType} = ${query.artifact_type}`);
  if (query.weight_format) where.push(sql`${v.formats} @> ${JSON.stringify([query.weight_format])}::jsonb`);
  if (query.source) where.push(sql`${v.source} = ${query.source}`);
  if (query.q) where.push(sql`(${v.id} = ${query.q} or ${v.digest} = ${query.q})`);
  const sort = parseSort(query.sort, SORTS, { field: "created_at", direction: "desc" });
  const ks = keyset(query, {
    key: sort.field === "size" ? v.size : v.createdAt,
    id: v.id,
    type: sort.field === "size" ? "bigint" : "timestamp",
    direction: sort.direction,
    cursorOf: (r: typeof v.$inferSelect) => [sort.field === "size" ? Number(r.size) : r.createdAt, r.id],
  });
  const rows = await ctx.db
    .select()
    .from(v)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  const page = ks.page(rows, (r) => r);
  return { data: await toModelVersions(ctx.db, page.data), next_cursor: page.next_cursor };
}
