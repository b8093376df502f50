import type { DatasetVersion, DatasetVersionListQuery, ListQuery } from "@infera/contracts";
import { and, type SQL, sql, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { invalid } from "../shared/errors.js";
import { decodeCursor, encodeCursor, type Page, parseSort, toPage } from "../shared/pagination.js";
import { authorizeDataset } from "./dataset-access.js";
import { toDatasetVersions } from "./to-dataset.js";

const SORTS = ["number", "created_at", "rows"] as const;

/** A dataset's versions, newest (highest number) first; `q` matches a version id or digest. */
export async function listDatasetVersions({
  ctx,
  datasetId,
  query,
}: {
  ctx: ServiceContext;
  datasetId: string;
  query: ListQuery & DatasetVersionListQuery;
}): Promise<Page<DatasetVersion>> {
  const { dataset } = await authorizeDataset(ctx.db, ctx, "dataset.version.list", datasetId);
  const v = tables.datasetVersions;
  const where: SQL[] = [sql`${v.datasetId} = ${datasetId}`];
  if (query.split_role) where.push(sql`${v.splitRole} = ${query.split_role}`);
  if (query.q) where.push(sql`(${v.id} = ${query.q} or ${v.digest} = ${query.q})`);
  const sort = parseSort(query.sort, SORTS, { field: "number", direction: "desc" });
  const key = sort.field === "rows" ? v.rows : sort.field === "created_at" ? v.createdAt : v.number;
  const dir = sort.direction === "desc" ? sql`desc` : sql`asc`;
  const cursor = decodeCursor(query.cursor);
  if (cursor) {
    const value =
      sort.field === "created_at"
        ? typeof cursor.value === "string"
          ? sql`${cursor.value}::timestamptz`
          : null
        : typeof cursor.value === "number"
          ? sql`${cursor.value}::int`
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
    (r) =>
      encodeCursor(
        sort.field === "created_at" ? r.createdAt.toISOString() : sort.field === "rows" ? r.rows : r.number,
        r.id,
      ),
  );
  return {
    data: await toDatasetVersions(ctx.db, dataset.projectId, page.data),
    next_cursor: page.next_cursor,
  };
}
