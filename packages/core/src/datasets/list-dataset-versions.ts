import type { DatasetVersion, DatasetVersionListQuery, ListQuery } from "@infera/contracts";
import { and, type SQL, sql, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { keyset, type Page, parseSort } from "../shared/pagination.js";
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
  const { dataset } = await authorizeDataset(ctx, "dataset.version.list", datasetId);
  const v = tables.datasetVersions;
  const where: SQL[] = [sql`${v.datasetId} = ${datasetId}`];
  if (query.split_role) where.push(sql`${v.splitRole} = ${query.split_role}`);
  if (query.q) where.push(sql`(${v.id} = ${query.q} or ${v.digest} = ${query.q})`);
  const sort = parseSort(query.sort, SORTS, { field: "number", direction: "desc" });
  const ks = keyset(query, {
    key: sort.field === "rows" ? v.rows : sort.field === "created_at" ? v.createdAt : v.number,
    id: v.id,
    type: sort.field === "created_at" ? "timestamp" : "int",
    direction: sort.direction,
    cursorOf: (r: typeof v.$inferSelect) => [
      sort.field === "created_at" ? r.createdAt : sort.field === "rows" ? r.rows : r.number,
      r.id,
    ],
  });
  const rows = await ctx.db
    .select()
    .from(v)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  const page = ks.page(rows, (r) => r);
  return {
    data: await toDatasetVersions(ctx.db, dataset.projectId, page.data),
    next_cursor: page.next_cursor,
  };
}
