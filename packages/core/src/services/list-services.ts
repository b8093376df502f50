import type { ListQuery, ServiceListItem, ServiceListQuery, ServiceRevisionConfig } from "@infera/contracts";
import { and, count, eq, exists, ilike, inArray, or, type SQL, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { keyset, type Page } from "../shared/pagination.js";
import type { RevisionRow, ServiceRow } from "./service-access.js";
import { servingRevision, toService } from "./service-view.js";

/** The project's services, newest first; filters: state, desired state, env, a model or model version, and text in the name or description. */
export async function listServices({
  ctx,
  projectId,
  query,
}: {
  ctx: ServiceContext;
  projectId: string;
  query: ListQuery & ServiceListQuery;
}): Promise<Page<ServiceListItem>> {
  await authorize(ctx, "service.list", { projectId });
  const s = tables.services;
  const r = tables.serviceRevisions;
  const where: (SQL | undefined)[] = [eq(s.projectId, projectId)];
  if (query.state) where.push(eq(s.currentState, query.state));
  if (query.desired_state) where.push(eq(s.desiredState, query.desired_state));
  if (query.env) where.push(eq(s.env, query.env));
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(s.name, like), ilike(s.description, like)));
  }
  if (query.model) {
    const byModel = query.model.startsWith("mv_")
      ? eq(r.modelVersionId, query.model)
      : inArray(
          r.modelVersionId,
          ctx.db
            .select({ id: tables.modelVersions.id })
            .from(tables.modelVersions)
            .where(eq(tables.modelVersions.modelId, query.model)),
        );
    where.push(
      exists(
        ctx.db
          .select({ one: r.id })
          .from(r)
          .where(and(eq(r.serviceId, s.id), byModel)),
      ),
    );
  }
  const ks = keyset(query, {
    key: s.createdAt,
    id: s.id,
    type: "timestamp",
    direction: "desc",
    cursorOf: (row: ServiceRow) => [row.createdAt, row.id],
  });
  const rows = await ctx.db
    .select()
    .from(s)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  const revisions: RevisionRow[] = rows.length
    ? await ctx.db
        .select()
        .from(r)
        .where(
          inArray(
            r.serviceId,
            rows.map((x) => x.id),
          ),
        )
    : [];
  const ready = await readyReplicaCounts(
    ctx,
    rows.map((x) => x.id),
  );
  return ks.page(rows, (row) => {
    const own = revisions.filter((x) => x.serviceId === row.id);
    const autoscaling = (servingRevision(own)?.config as ServiceRevisionConfig | undefined)?.autoscaling;
    return {
      ...toService(row, own),
      replicas: {
        ready: ready.get(row.id) ?? 0,
        min: autoscaling?.min_replicas ?? null,
        max: autoscaling?.max_replicas ?? null,
      },
    };
  });
}

/** Ready replicas per service, in one query for the page. */
async function readyReplicaCounts(ctx: ServiceContext, serviceIds: string[]): Promise<Map<string, number>> {
  if (!serviceIds.length) return new Map();
  const p = tables.serviceReplicas;
  const rows = await ctx.db
    .select({ serviceId: p.serviceId, n: count() })
    .from(p)
    .where(and(inArray(p.serviceId, serviceIds), eq(p.state, "ready")))
    .groupBy(p.serviceId);
  return new Map(rows.map((r) => [r.serviceId, Number(r.n)]));
}
