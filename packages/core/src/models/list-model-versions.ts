import type { ListQuery, ModelVersion, ModelVersionListQuery } from "@infera/contracts";
import { and, type SQL, sql, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { invalid } from "../shared/errors.js";
import { decodeCursor, encodeCursor, type Page, parseSort, toPage } from "../shared/pagination.js";
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
  await authorizeModel(ctx.db, ctx, "model.version.list", modelId);
  const v = tables.modelVersions;
  const where: SQL[] = [sql`${v.modelId} = ${modelId}`];
  if (query.artifact_type) where.push(sql`${v.artifactType} = ${query.artifact_type}`);
  if (query.weight_format) where.push(sql`${v.formats} @> ${JSON.stringify([query.weight_format])}::jsonb`);
  if (query.source) where.push(sql`${v.source} = ${query.source}`);
  if (query.q) where.push(sql`(${v.id} = ${query.q} or ${v.digest} = ${query.q})`);
  const sort = parseSort(query.sort, SORTS, { field: "created_at", direction: "desc" });
  const key = sort.field === "size" ? v.size : v.createdAt;
  const dir = sort.direction === "desc" ? sql`desc` : sql`asc`;
  const cursor = decodeCursor(query.cursor);
  if (cursor) {
    const value =
      sort.field === "size"
        ? sql`${Number(cursor.value)}::bigint`
        : typeof cursor.value === "string"
          ? sql`${cursor.value}::timestamptz`
          : null;
    if (!value) throw invalid("cursor is not valid; start again without it");
    where.push(
      sort.direction === "desc"
        ? sql`(${key}, ${v.id}) < (${value}, ${cursor.id})`
        : sql`(${key}, ${v.id}) > (${value}, ${cursor.id})`,
    );
  }
  const rows = await ctx.db
    .select()
    .from(v)
    .where(and(...where))
    .orderBy(sql`${key} ${dir}`, sql`${v.id} ${dir}`)
    .limit(query.limit + 1);
  const page = toPage(
    rows,
    query,
    (r) => r,
    (r) => encodeCursor(sort.field === "size" ? Number(r.size) : r.createdAt.toISOString(), r.id),
  );
  return { data: await toModelVersions(ctx.db, page.data), next_cursor: page.next_cursor };
}
