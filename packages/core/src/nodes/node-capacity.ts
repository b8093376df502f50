import { and, type Executor, eq, inArray, isNotNull, type NodeGpuRow, sql, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";

/** Seconds without a sign of life after which a node is offline (INFERA_NODE_OFFLINE_SECONDS). */
export const NODE_OFFLINE_SECONDS_DEFAULT = 30;
/** Job states that hold a node's resources. */
export const ACTIVE_JOB_STATES = ["starting", "running", "canceling"] as const;
/** Service replica states that hold a node's resources (placed, running or being stopped). */
export const LIVE_REPLICA_STATES = ["pending", "starting", "ready", "stopping"] as const;

export function nodeOfflineSeconds(ctx: Pick<ServiceContext, "settings">): number {
  return ctx.settings.nodeOfflineSeconds ?? NODE_OFFLINE_SECONDS_DEFAULT;
}

export type NodeRow = typeof tables.nodes.$inferSelect;

/** A node as the scheduler and the admin list see it: whether it is alive, and what is free on it. */
export interface NodeState {
  row: NodeRow;
  online: boolean;
  runningJobs: number;
  /** Service replicas placed on it and not stopped. */
  replicas: number;
  free: { cpus: number; memoryBytes: number; gpus: NodeGpuRow[] };
}

/**
 * Every node with its liveness (the database's clock against `last_seen_at`) and free capacity:
 * its size less the resource-class shapes of the fine-tuning jobs placed on it that are starting,
 * running or stopping and of the service replicas placed on it that are not stopped, and less the
 * GPUs they hold. Fine-tuning and serving share a node's capacity (decision 0025).
 */
export async function loadNodeStates(db: Executor, offlineSeconds: number): Promise<NodeState[]> {
  const n = tables.nodes;
  const rows = await db
    .select({
      node: n,
      online: sql<boolean>`${n.lastSeenAt} >= now() - ${offlineSeconds} * interval '1 second'`,
    })
    .from(n)
    .orderBy(n.name);
  if (!rows.length) return [];
  const j = tables.fineTuneJobs;
  const rc = tables.resourceClasses;
  const held = await db
    .select({ nodeId: j.nodeId, gpuIndices: j.gpuIndices, cpus: rc.cpus, memoryBytes: rc.memoryBytes })
    .from(j)
    .leftJoin(rc, sql`${rc.name} = ${j.resourceClass}`)
    .where(and(isNotNull(j.nodeId), inArray(j.status, [...ACTIVE_JOB_STATES])));
  const p = tables.serviceReplicas;
  const r = tables.serviceRevisions;
  const replicas = await db
    .select({ nodeId: p.nodeId, gpuIndices: p.gpuIndices, cpus: rc.cpus, memoryBytes: rc.memoryBytes })
    .from(p)
    .innerJoin(r, eq(r.id, p.revisionId))
    .leftJoin(rc, sql`${rc.name} = ${r.config}->'resources'->>'resource_class'`)
    .where(inArray(p.state, [...LIVE_REPLICA_STATES]));
  const replicaCount = new Map<string, number>();
  for (const h of replicas) replicaCount.set(h.nodeId, (replicaCount.get(h.nodeId) ?? 0) + 1);
  // Grouped once: a thousand nodes each filtering every held job is a million comparisons a pass.
  const byNode = new Map<string, typeof held>();
  for (const h of [...held, ...replicas]) {
    const list = byNode.get(h.nodeId!);
    if (list) list.push(h);
    else byNode.set(h.nodeId!, [h]);
  }
  return rows.map(({ node, online }) => {
    const mine = byNode.get(node.id) ?? [];
    const taken = new Set(mine.flatMap((h) => h.gpuIndices ?? []));
    return {
      row: node,
      online: online === true || (online as unknown) === "t",
      runningJobs: mine.length - (replicaCount.get(node.id) ?? 0),
      replicas: replicaCount.get(node.id) ?? 0,
      free: {
        cpus: node.cpus - mine.reduce((s, h) => s + (h.cpus ?? 0), 0),
        memoryBytes: node.memoryBytes - mine.reduce((s, h) => s + Number(h.memoryBytes ?? 0), 0),
        gpus: node.gpus.filter((g) => !taken.has(g.index)),
      },
    };
  });
}
