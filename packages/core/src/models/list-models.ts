import type { ListQuery, Model, ModelListQuery } from "@infera/contracts";
import { and, type SQL, sql, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { keyset, type Page, parseSort } from "../shared/pagination.js";
import { modelExtras, toModel } from "./to-model.js";

const SORTS = ["created_at", "updated_at", "name"] as const;

/**
 * The models a project may use: public system models, the tenant's shared models and the project's
 * own, filtered (scope, visibility, version source, license, format, artifact type, quantization, q).
 */
export async function listModels({
  ctx,
  projectId,
  query,
}: {
  ctx: ServiceContext;
  projectId: string;
  query: ListQuery & ModelListQuery;
}): Promise<Page<Model>> {
  const access = await authorize(ctx, "model.list", { projectId });
  const m = tables.models;
  const tenantId = access.tenantId!;
  const system = sql`(${m.ownerType} = 'platform' and ${m.visibility} = 'public')`;
  const shared = sql`(${m.ownerType} = 'tenant' and ${m.tenantId} = ${tenantId} and ${m.visibility} = 'tenant_shared' and ${m.projectId} <> ${projectId})`;
  const own = sql`(${m.projectId} = ${projectId})`;
  const where: SQL[] = [];
  if (query.scope === "system") where.push(system);
  else if (query.scope === "tenant") where.push(shared);
  else if (query.scope === "project") where.push(own);
  else where.push(sql`(${system} or ${shared} or ${own})`);
  if (query.visibility) where.push(sql`${m.visibility} = ${query.visibility}`);
  if (query.license) where.push(sql`lower(${m.license}) = lower(${query.license})`);
  const versionFilter: SQL[] = [];
  if (query.source) versionFilter.push(sql`v.source = ${query.source}`);
  if (query.artifact_type) versionFilter.push(sql`v.artifact_type = ${query.artifact_type}`);
  if (query.quantization) versionFilter.push(sql`lower(v.quantization) = lower(${query.quantization})`);
  if (query.weight_format)
    versionFilter.push(sql`v.formats @> ${JSON.stringify([query.weight_format])}::jsonb`);
  if (versionFilter.length)
    where.push(
      sql`exists (select 1 from model_versions v where v.model_id = ${m.id} and ${sql.join(versionFilter, sql` and `)})`,
    );
  if (query.q) {
    const pattern = `%${query.q.replace(/[%_\\]/g, "\\$&")}%`;
    where.push(
      sql`(${m.name} ILIKE ${pattern} OR ${m.id} = ${query.q} OR exists (select 1 from model_versions v where v.model_id = ${m.id} and v.id = ${query.q}))`,
    );
  }

  const sort = parseSort(query.sort, SORTS, { field: "updated_at", direction: "desc" });
  const ks = keyset(query, {
    key:
      sort.field === "name" ? sql`lower(${m.name})` : sort.field === "updated_at" ? m.updatedAt : m.createdAt,
    id: m.id,
    type: sort.field === "name" ? "text" : "timestamp",
    direction: sort.direction,
    cursorOf: (r: { m: typeof m.$inferSelect }) => [
      sort.field === "name"
        ? r.m.name.toLowerCase()
        : sort.field === "updated_at"
          ? r.m.updatedAt
          : r.m.createdAt,
      r.m.id,
    ],
  });
  const rows = await ctx.db
    .select({ m, ...modelExtras })
    .from(m)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  return ks.page(rows, (r) =>
    toModel(
      {
        ...r.m,
        latestVersionId: r.latestVersionId,
        latestVersion: r.latestVersion,
        versionCount: r.versionCount,
        tags: r.tags,
      },
      projectId,
    ),
  );
}
