import type { Dataset, DatasetListQuery, ListQuery } from "@infera/contracts";
import { and, type SQL, sql, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { keyset, type Page, parseSort } from "../shared/pagination.js";
import { datasetExtras, toDataset } from "./to-dataset.js";

const SORTS = ["created_at", "updated_at", "name"] as const;

/** A project's datasets, filtered by record format, keyword (name, dataset or version id) and latest rows. */
export async function listDatasets({
  ctx,
  projectId,
  query,
}: {
  ctx: ServiceContext;
  projectId: string;
  query: ListQuery & DatasetListQuery;
}): Promise<Page<Dataset>> {
  await authorize(ctx, "dataset.list", { projectId });
  const d = tables.datasets;
  const where: SQL[] = [sql`${d.projectId} = ${projectId}`];
  if (query.dataset_format) where.push(sql`${d.format} = ${query.dataset_format}`);
  if (query.q) {
    const pattern = `%${query.q.replace(/[%_\\]/g, "\\$&")}%`;
    where.push(
      sql`(${d.name} ILIKE ${pattern} OR ${d.description} ILIKE ${pattern} OR ${d.id} = ${query.q} OR exists (select 1 from dataset_versions v where v.dataset_id = datasets.id and v.id = ${query.q}))`,
    );
  }
  const latestRows = sql`(select v.rows from dataset_versions v where v.dataset_id = datasets.id order by v.number desc limit 1)`;
  if (query.rows_min !== undefined) where.push(sql`${latestRows} >= ${query.rows_min}`);
  if (query.rows_max !== undefined) where.push(sql`${latestRows} <= ${query.rows_max}`);
  const sort = parseSort(query.sort, SORTS, { field: "updated_at", direction: "desc" });
  const ks = keyset(query, {
    key:
      sort.field === "name" ? sql`lower(${d.name})` : sort.field === "updated_at" ? d.updatedAt : d.createdAt,
    id: d.id,
    type: sort.field === "name" ? "text" : "timestamp",
    direction: sort.direction,
    cursorOf: (r: { d: typeof d.$inferSelect }) => [
      sort.field === "name"
        ? r.d.name.toLowerCase()
        : sort.field === "updated_at"
          ? r.d.updatedAt
          : r.d.createdAt,
      r.d.id,
    ],
  });
  const rows = await ctx.db
    .select({ d, ...datasetExtras })
    .from(d)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  return ks.page(rows, (r) => toDataset({ ...r.d, latest: r.latest, versionCount: r.versionCount }));
}
