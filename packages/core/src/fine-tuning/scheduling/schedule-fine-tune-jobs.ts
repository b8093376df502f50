import { and, asc, desc, eq, inArray, type NodeGpuRow, sql, tables } from "@infera/db";
import {
  ACTIVE_JOB_STATES,
  loadNodeStates,
  type NodeState,
  nodeOfflineSeconds,
} from "../../nodes/node-capacity.js";
import {
  type ActiveCounts,
  type NodeCapacity,
  type NodeGpu,
  type PlanResult,
  planPlacements,
  type QueuedJob,
  type ResourceClassShape,
} from "../../scheduling/plan-placements.js";
import { FINE_TUNE_LIMIT_DEFAULTS, type ServiceContext } from "../../shared/context.js";
import { type TxContext, withTransaction } from "../../shared/transaction.js";
import { placeFineTuneJobs } from "./place-fine-tune-job.js";
import { requeueOfflineNodeJobs } from "./requeue-offline-node-jobs.js";

/** Key of the transaction lock one pass holds: two passes never count the same free slot twice. */
const SCHEDULER_LOCK = 4242300;
/** Queued jobs one pass considers, in queue order; the next pass sees the rest. */
const SCAN = 1000;

export interface SchedulingPass {
  placed: string[];
  waiting: number;
  /** Active jobs taken back from nodes offline past the grace. */
  requeued: number;
}

/**
 * One scheduling pass: first the jobs of nodes offline past the grace go back to the queue
 * (requeueOfflineNodeJobs); then queued jobs in priority order (FIFO inside a priority) are placed
 * on the online, non-draining worker nodes while the installation's limits allow — concurrent jobs
 * overall (8), per submitter (1), per project (none by default) — and while a node has its resource
 * class's CPUs, memory and GPUs free (its size less the classes of the jobs it holds). Each placed
 * job gets a run item only that node's worker takes (placeFineTuneJobs, all of a pass's at once); each waiting one keeps the
 * reason (`no_capacity` also when no node is registered, `no_node_fits` when its class is bigger
 * than every node). The whole pass runs under one transaction lock, so passes racing on several
 * workers never over-place.
 */
export async function scheduleFineTuneJobs({ ctx }: { ctx: ServiceContext }): Promise<SchedulingPass> {
  const limits = ctx.settings.fineTuning ?? FINE_TUNE_LIMIT_DEFAULTS;
  return withTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`select pg_advisory_xact_lock(${SCHEDULER_LOCK})`);
    const requeued = await requeueOfflineNodeJobs(tx, nodeOfflineSeconds(ctx));
    const j = tables.fineTuneJobs;
    const queued = await tx.db
      .select({
        id: j.id,
        priority: j.priority,
        queuedAt: j.queuedAt,
        createdAt: j.createdAt,
        projectId: j.projectId,
        createdBy: j.createdBy,
        resourceClass: j.resourceClass,
        gpuCount: j.gpuCount,
        waitReason: j.waitReason,
      })
      .from(j)
      .where(eq(j.status, "queued"))
      .orderBy(desc(j.priority), asc(j.queuedAt), asc(j.id))
      .limit(SCAN);
    if (!queued.length) return { placed: [], waiting: 0, requeued };
    const active = await activeCounts(tx.db);
    const nodes = (await loadNodeStates(tx.db, nodeOfflineSeconds(ctx))).filter((n) =>
      n.row.roles.includes("worker"),
    );
    const plan = planPlacements({
      queued: queued.map(
        (q): QueuedJob => ({
          id: q.id,
          priority: q.priority,
          queuedAt: q.queuedAt ?? q.createdAt,
          projectId: q.projectId,
          userId: q.createdBy,
          resourceClass: q.resourceClass,
          gpuCount: q.gpuCount,
        }),
      ),
      active,
      limits: {
        overall: limits.maxConcurrent,
        perUser: limits.maxPerUser > 0 ? limits.maxPerUser : null,
        perProject: new Map(
          limits.maxPerProject > 0 ? queued.map((q) => [q.projectId, limits.maxPerProject]) : [],
        ),
      },
      nodes: nodes.map(toNodeCapacity),
      classes: await classShapes(tx.db),
    });
    const names = new Map(nodes.map((n) => [n.row.id, n.row.name]));
    // Row-locked and checked again in one statement: a cancel may have taken some meanwhile (it
    // commits first, and the lock then skips the row; or it waits for this pass and finds it starting).
    const chosen = new Map(plan.placements.map((p) => [p.jobId, p]));
    const still = chosen.size
      ? await tx.db
          .select()
          .from(j)
          .where(and(inArray(j.id, [...chosen.keys()]), eq(j.status, "queued")))
          .orderBy(asc(j.id))
          .for("update")
      : [];
    // In the planner's order, so timelines, events and run items follow the queue.
    const rows = new Map(still.map((r) => [r.id, r]));
    const placements = plan.placements.flatMap((p) => {
      const job = rows.get(p.jobId);
      return job
        ? [{ job, node: { id: p.nodeId, name: names.get(p.nodeId)!, gpuIndices: p.gpuIndices } }]
        : [];
    });
    const placed = (await placeFineTuneJobs(tx, placements)).map((r) => r.id);
    // No node registered yet (a server without a worker role): nothing fits *now*, which is a
    // matter of capacity to come, not a class too big for the installation.
    const waiting = nodes.length
      ? plan.waiting
      : plan.waiting.map((w) => (w.reason === "no_node_fits" ? { ...w, reason: "no_capacity" as const } : w));
    await recordWaitReasons(tx, queued, waiting);
    return { placed, waiting: plan.waiting.length, requeued };
  });
}

/** What each waiting job shows as `wait_reason`: one update per reason, only for jobs it changes. */
async function recordWaitReasons(
  tx: TxContext,
  queued: { id: string; waitReason: string | null }[],
  waiting: PlanResult["waiting"],
): Promise<void> {
  const was = new Map(queued.map((q) => [q.id, q.waitReason]));
  const byReason = new Map<string, string[]>();
  for (const w of waiting) {
    if (was.get(w.jobId) === w.reason) continue;
    byReason.set(w.reason, [...(byReason.get(w.reason) ?? []), w.jobId]);
  }
  const j = tables.fineTuneJobs;
  for (const [reason, ids] of byReason)
    await tx.db
      .update(j)
      .set({ waitReason: reason })
      .where(and(inArray(j.id, ids), eq(j.status, "queued")));
}

/** Every resource class (a disabled one still runs the jobs that already ask for it). */
async function classShapes(db: ServiceContext["db"]): Promise<Map<string, ResourceClassShape>> {
  const rows = await db.select().from(tables.resourceClasses);
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

/**
 * What the planner may use of a node: its free capacity when it is online and not draining,
 * nothing otherwise — an offline or draining node still counts as one a class could fit on, so its
 * jobs wait `no_capacity` (it may come back) rather than `no_node_fits`.
 */
function toNodeCapacity(n: NodeState): NodeCapacity {
  const usable = n.online && !n.row.draining;
  return {
    id: n.row.id,
    freeCpus: usable ? n.free.cpus : 0,
    freeMemoryBytes: usable ? n.free.memoryBytes : 0,
    freeGpus: usable ? n.free.gpus.map(toNodeGpu) : [],
    totalCpus: n.row.cpus,
    totalMemoryBytes: n.row.memoryBytes,
    totalGpus: n.row.gpus.map(toNodeGpu),
  };
}

function toNodeGpu(g: NodeGpuRow): NodeGpu {
  // A GPU whose memory the driver did not report matches only classes that ask for none.
  return { index: g.index, model: g.model, memoryBytes: g.memory_bytes ?? 0 };
}

async function activeCounts(db: ServiceContext["db"]): Promise<ActiveCounts> {
  const j = tables.fineTuneJobs;
  const rows = await db
    .select({ projectId: j.projectId, createdBy: j.createdBy, n: sql<number>`count(*)::int` })
    .from(j)
    .where(and(inArray(j.status, [...ACTIVE_JOB_STATES])))
    .groupBy(j.projectId, j.createdBy);
  const byUser = new Map<string, number>();
  const byProject = new Map<string, number>();
  let overall = 0;
  for (const r of rows) {
    const n = Number(r.n);
    overall += n;
    if (r.createdBy) byUser.set(r.createdBy, (byUser.get(r.createdBy) ?? 0) + n);
    byProject.set(r.projectId, (byProject.get(r.projectId) ?? 0) + n);
  }
  return { overall, byUser, byProject };
}
