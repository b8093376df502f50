import { and, eq, isNotNull, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";

/** A ready replica of this node as the metrics scrape sees it, with the labels its metrics carry. */
export interface MetricTarget {
  replicaId: string;
  pid: number;
  port: number;
  serviceId: string;
  serviceName: string;
  revisionId: string;
  revisionNumber: number;
  /** The served model's name (bounded: one per revision), for the Prometheus `model` label. */
  modelName: string;
}

/** The replicas of `nodeId` that answer requests (ready, with a port and a process): the platform's own read. */
export async function listMetricTargets({
  ctx,
  nodeId,
}: {
  ctx: ServiceContext;
  nodeId: string;
}): Promise<MetricTarget[]> {
  const p = tables.serviceReplicas;
  const r = tables.serviceRevisions;
  const rows = await ctx.db
    .select({
      replicaId: p.id,
      pid: p.pid,
      port: p.port,
      serviceId: p.serviceId,
      serviceName: tables.services.name,
      revisionId: p.revisionId,
      revisionNumber: r.number,
      modelName: tables.models.name,
    })
    .from(p)
    .innerJoin(r, eq(r.id, p.revisionId))
    .innerJoin(tables.services, eq(tables.services.id, p.serviceId))
    .innerJoin(tables.modelVersions, eq(tables.modelVersions.id, r.modelVersionId))
    .innerJoin(tables.models, eq(tables.models.id, tables.modelVersions.modelId))
    .where(and(eq(p.nodeId, nodeId), eq(p.state, "ready"), isNotNull(p.port), isNotNull(p.pid)))
    .orderBy(p.id);
  return rows.map((row) => ({ ...row, pid: row.pid!, port: row.port! }));
}
