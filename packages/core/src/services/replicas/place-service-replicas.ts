import { and, eq, gt, inArray, type NodeGpuRow, notInArray, sql, tables } from "@infera/db";
import { LIVE_REPLICA_STATES, loadNodeStates, nodeOfflineSeconds } from "../../nodes/node-capacity.js";
import type { NodeGpu, ResourceClassShape } from "../../scheduling/plan-placements.js";
import type { ServiceContext } from "../../shared/context.js";
import { newId } from "../../shared/ids.js";
import { type TxContext, withTransaction } from "../../shared/transaction.js";
import { moveRevisionIn } from "./move-revision-for-replicas.js";
import { planReplicaPass, type ReplicaTarget } from "./plan-replica-pass.js";
import {
  type LiveReplicaState,
  type PlacementRevision,
  planReplicaPlacement,
  type ReplicaPlacementPlan,
} from "./plan-replica-placement.js";

/** Key of the transaction lock of a placement pass: one at a time cluster-wide (decision 0025). */
const PLACEMENT_LOCK = 4242301;

export interface ReplicaPlacementPass {
  created: number;
  stopped: number;
  lost: number;
  waiting: number;
  /** Revisions moved to inactive (nothing wants them, their last replica is gone). */
  inactive: number;
}

/**
 * The central step of the replica manager (decision 0025): under one advisory transaction lock, so
 * only one pass runs at a time across every worker, it reads every worker node (alive by heartbeat,
 * draining or not, capacity left by fine-tuning jobs and replicas), every llama.cpp revision with
 * its desired count (`desiredReplicas`) and every live replica, and writes what planReplicaPlacement
 * decides, in bulk: new `pending` replica rows on nodes (each node's pass starts its own), `stopping`
 * for replicas to stop (`stopped` at once for one not started yet), `stopped` for replicas of
 * nodes offline past the grace, and the reason a revision waits. It also moves revisions nothing
 * wants any more to `inactive` once their last replica is gone, and keeps an old revision's ready
 * replicas while the revision that took its traffic has none ready (no-gap rollover), or, for an
 * openai-compatible one, is not ready (its upstream has not answered a check yet).
 */
export async function placeServiceReplicas({ ctx }: { ctx: ServiceContext }): Promise<ReplicaPlacementPass> {
  return withTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`select pg_advisory_xact_lock(${PLACEMENT_LOCK})`);
    const nodes = (await loadNodeStates(tx.db, nodeOfflineSeconds(ctx))).filter((n) =>
      n.row.roles.includes("worker"),
    );
    const { targets, replicas } = await planReplicaPass({ ctx: tx, nodeId: null });
    const classes = await classShapes(tx);
    const readyByRevision = new Map<string, number>();
    for (const r of replicas)
      if (r.state === "ready")
        readyByRevision.set(r.revisionId, (readyByRevision.get(r.revisionId) ?? 0) + 1);
    const upstreamsNotReady = await servicesWithUpstreamNotReady(tx);
    const plan = planReplicaPlacement({
      nodes: nodes.map((n) => ({
        id: n.row.id,
        online: n.online,
        draining: n.row.draining,
        maxReplicas: n.row.maxReplicas,
        replicas: n.replicas,
        freeCpus: n.free.cpus,
        freeMemoryBytes: n.free.memoryBytes,
        freeGpus: n.free.gpus.map(toNodeGpu),
      })),
      revisions: targets.map(
        (t): PlacementRevision => ({
          revisionId: t.revisionId,
          serviceId: t.serviceId,
          desired: t.desired,
          shape: classes.get(t.resources.resourceClass) ?? null,
          resourceClass: t.resources.resourceClass,
          gpuCount: t.resources.gpuCount,
          hold:
            t.desired === 0 &&
            (takenOverWithoutReady(t, targets, readyByRevision) ||
              (t.serviceActive && upstreamsNotReady.has(t.serviceId))),
        }),
      ),
      replicas: replicas.map((r) => ({
        id: r.id,
        revisionId: r.revisionId,
        nodeId: r.nodeId,
        state: r.state as LiveReplicaState,
      })),
    });
    await writePlan(tx, plan, replicas);
    const inactive = await settleRevisions(tx, targets, replicas, plan);
    return {
      created: plan.create.length,
      stopped: plan.stop.length,
      lost: plan.lost.length,
      waiting: plan.waits.length,
      inactive,
    };
  });
}

/**
 * No-gap rollover: a revision that lost its traffic keeps its ready replicas while a revision of its
 * (active) service that carries traffic and has not failed has no ready replica yet.
 */
function takenOverWithoutReady(
  t: ReplicaTarget,
  targets: readonly ReplicaTarget[],
  ready: ReadonlyMap<string, number>,
): boolean {
  if (!t.serviceActive) return false;
  return targets.some(
    (o) =>
      o.serviceId === t.serviceId &&
      o.revisionId !== t.revisionId &&
      o.desired > 0 &&
      !ready.get(o.revisionId),
  );
}

/**
 * Services whose traffic goes (in part) to an openai-compatible revision that is not ready yet and
 * has not failed: the no-gap rollover holds their old llama.cpp revisions' ready replicas too, until
 * that revision's upstream check answers (`services.check_upstreams` makes it ready).
 */
async function servicesWithUpstreamNotReady(tx: TxContext): Promise<Set<string>> {
  const r = tables.serviceRevisions;
  const s = tables.services;
  const rows = await tx.db
    .selectDistinct({ serviceId: r.serviceId })
    .from(r)
    .innerJoin(s, eq(s.id, r.serviceId))
    .where(
      and(
        eq(r.runtimeKind, "openai-compatible"),
        gt(r.trafficPercent, 0),
        eq(s.desiredState, "active"),
        notInArray(r.currentState, ["ready", "failed"]),
      ),
    );
  return new Set(rows.map((row) => row.serviceId));
}

async function writePlan(
  tx: TxContext,
  plan: ReplicaPlacementPlan,
  replicas: { id: string; state: string }[],
): Promise<void> {
  const p = tables.serviceReplicas;
  const now = tx.now();
  if (plan.lost.length)
    await tx.db
      .update(p)
      .set({
        state: "stopped",
        lastError:
          "its node went offline (no heartbeat within INFERA_NODE_OFFLINE_SECONDS); placed again elsewhere",
        updatedAt: now,
      })
      .where(and(inArray(p.id, plan.lost), inArray(p.state, [...LIVE_REPLICA_STATES])));
  if (plan.stop.length) {
    const pending = new Set(replicas.filter((r) => r.state === "pending").map((r) => r.id));
    const notStarted = plan.stop.filter((id) => pending.has(id));
    const running = plan.stop.filter((id) => !pending.has(id));
    // A replica no node started yet has nothing to stop; the conditions skip rows a node's pass moved meanwhile.
    if (notStarted.length)
      await tx.db
        .update(p)
        .set({ state: "stopped", updatedAt: now })
        .where(and(inArray(p.id, notStarted), inArray(p.state, ["pending"])));
    if (running.length)
      await tx.db
        .update(p)
        .set({ state: "stopping", updatedAt: now })
        .where(and(inArray(p.id, running), inArray(p.state, ["pending", "starting", "ready"])));
  }
  if (plan.create.length) {
    // One statement, the rows as one JSON parameter (decision 0021): a thousand placements are one insert.
    const rows = plan.create.map((c) => ({ id: newId("serviceReplica"), ...c }));
    await tx.db.execute(sql`
      insert into service_replicas (id, revision_id, service_id, tenant_id, node_id, state, gpu_indices, created_at, updated_at)
      select x.id, x.revision_id, r.service_id, r.tenant_id, x.node_id, 'pending', x.gpu_indices, ${now}, ${now}
      from jsonb_to_recordset(${JSON.stringify(
        rows.map((r) => ({
          id: r.id,
          revision_id: r.revisionId,
          node_id: r.nodeId,
          gpu_indices: r.gpuIndices,
        })),
      )}::jsonb) as x(id text, revision_id text, node_id text, gpu_indices jsonb)
      join service_revisions r on r.id = x.revision_id`);
  }
}

/**
 * What the revisions show after the pass: why a pending one waits (only where it changed), pending
 * again (with the reason) for one that lost every replica and cannot be placed, `inactive` for one
 * nothing wants whose replicas are all gone.
 */
async function settleRevisions(
  tx: TxContext,
  targets: readonly ReplicaTarget[],
  replicas: { id: string; revisionId: string }[],
  plan: ReplicaPlacementPlan,
): Promise<number> {
  const gone = new Set([...plan.lost, ...plan.stop]);
  const remaining = new Map<string, number>();
  for (const r of replicas) remaining.set(r.revisionId, (remaining.get(r.revisionId) ?? 0) + 1);
  const stillLive = new Map<string, number>();
  for (const r of replicas)
    if (!gone.has(r.id)) stillLive.set(r.revisionId, (stillLive.get(r.revisionId) ?? 0) + 1);
  for (const c of plan.create) stillLive.set(c.revisionId, (stillLive.get(c.revisionId) ?? 0) + 1);
  const byId = new Map(targets.map((t) => [t.revisionId, t]));
  const waits = new Map(plan.waits.map((w) => [w.revisionId, w.reason]));
  for (const t of targets)
    if (t.desired === 0 && t.state === "pending" && t.serviceActive)
      waits.set(t.revisionId, "no traffic: it starts when the traffic split gives it a share");
  let inactive = 0;
  for (const [revisionId, reason] of waits) {
    const t = byId.get(revisionId)!;
    if (t.state !== "pending" && !stillLive.get(revisionId) && t.desired > 0)
      await moveRevisionIn(tx, revisionId, "pending", "no node can take its replicas", {
        waitReason: reason,
      });
  }
  await noteWaits(tx, waits);
  for (const t of targets) {
    // Stopping replicas still count: the revision goes inactive on the pass after its last one stopped.
    if (t.desired > 0 || remaining.get(t.revisionId)) continue;
    if (!["downloading", "starting", "ready"].includes(t.state)) continue;
    await moveRevisionIn(
      tx,
      t.revisionId,
      "inactive",
      "no replica wanted (service stopped, no traffic, or scaled to zero)",
    );
    inactive++;
  }
  return inactive;
}

/** Each pending revision's wait reason, one update per distinct reason, only where it changed. */
async function noteWaits(tx: TxContext, waits: ReadonlyMap<string, string>): Promise<void> {
  const byReason = new Map<string, string[]>();
  for (const [id, reason] of waits) byReason.set(reason, [...(byReason.get(reason) ?? []), id]);
  const r = tables.serviceRevisions;
  for (const [reason, ids] of byReason)
    await tx.db
      .update(r)
      .set({ waitReason: reason })
      .where(
        and(
          inArray(r.id, ids),
          sql`${r.currentState} = 'pending'`,
          sql`${r.waitReason} is distinct from ${reason}`,
        ),
      );
}

async function classShapes(tx: TxContext): Promise<Map<string, ResourceClassShape>> {
  const rows = await tx.db.select().from(tables.resourceClasses);
  return new Map(
    rows.map((r) => [
      r.name,
      {
        name: r.name,
        cpus: r.cpus,
        memoryBytes: r.memoryBytes,
        gpuModel: r.gpuModel,
        gpuCount: r.gpuCount,
        gpuMemoryBytes: r.gpuMemoryBytes,
      },
    ]),
  );
}

function toNodeGpu(g: NodeGpuRow): NodeGpu {
  return { index: g.index, model: g.model, memoryBytes: g.memory_bytes ?? 0 };
}
