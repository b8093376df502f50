import { and, asc, desc, eq, inArray, sql, tables } from "@infera/db";
import { type ActiveCounts, planPlacements, type QueuedJob } from "../../scheduling/plan-placements.js";
import { FINE_TUNE_LIMIT_DEFAULTS, type ServiceContext } from "../../shared/context.js";
import { withTransaction } from "../../shared/transaction.js";
import { placeFineTuneJob } from "./place-fine-tune-job.js";

/** Key of the transaction lock one pass holds: two passes never count the same free slot twice. */
const SCHEDULER_LOCK = 4242300;
/** Queued jobs one pass considers, in queue order; the next pass sees the rest. */
const SCAN = 1000;
const ACTIVE = ["starting", "running", "canceling"] as const;

export interface SchedulingPass {
  placed: string[];
  waiting: number;
}

/**
 * One scheduling pass: queued jobs in priority order (FIFO inside a priority) move to `starting`
 * while the installation's limits allow — concurrent jobs overall (8), per submitter (1), per
 * project (none by default) — each with its run item for the worker (placeFineTuneJob). A job held
 * back by its submitter's or project's limit does not hold back the others (planPlacements). The
 * whole pass runs under one transaction lock, so passes racing on several workers never over-place.
 * Capacity is the workers': every worker takes run items while it has free slots; nodes with
 * their own CPUs, memory and GPUs are not modeled yet (see docs/guide/fine-tuning.md).
 */
export async function scheduleFineTuneJobs({
  ctx,
  node,
}: {
  ctx: ServiceContext;
  /** The worker running the pass, named in the jobs' timelines. */
  node: { id: string; name: string };
}): Promise<SchedulingPass> {
  const limits = ctx.settings.fineTuning ?? FINE_TUNE_LIMIT_DEFAULTS;
  return withTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`select pg_advisory_xact_lock(${SCHEDULER_LOCK})`);
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
      })
      .from(j)
      .where(eq(j.status, "queued"))
      .orderBy(desc(j.priority), asc(j.queuedAt), asc(j.id))
      .limit(SCAN);
    if (!queued.length) return { placed: [], waiting: 0 };
    const active = await activeCounts(tx.db);
    const plan = planPlacements({
      queued: queued.map(
        (q): QueuedJob => ({
          id: q.id,
          priority: q.priority,
          queuedAt: q.queuedAt ?? q.createdAt,
          projectId: q.projectId,
          userId: q.createdBy,
          resourceClass: q.resourceClass,
          gpuCount: 0,
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
      // The workers are the capacity: one pool that any placed job fits (see above).
      nodes: [
        {
          id: node.id,
          freeCpus: Number.MAX_SAFE_INTEGER,
          freeMemoryBytes: Number.MAX_SAFE_INTEGER,
          freeGpus: [],
          totalCpus: Number.MAX_SAFE_INTEGER,
          totalMemoryBytes: Number.MAX_SAFE_INTEGER,
          totalGpus: [],
        },
      ],
      classes: new Map(
        queued.map((q) => [
          q.resourceClass,
          {
            name: q.resourceClass,
            cpus: 0,
            memoryBytes: 0,
            gpuModel: null,
            gpuCount: 0,
            gpuMemoryBytes: null,
          },
        ]),
      ),
    });
    const placed: string[] = [];
    for (const p of plan.placements) {
      // Row-locked and checked again: a cancel may have taken it meanwhile.
      const [row] = await tx.db.select().from(j).where(eq(j.id, p.jobId)).for("update");
      if (row?.status !== "queued") continue;
      await placeFineTuneJob(tx, row, node);
      placed.push(row.id);
    }
    return { placed, waiting: plan.waiting.length };
  });
}

async function activeCounts(db: ServiceContext["db"]): Promise<ActiveCounts> {
  const j = tables.fineTuneJobs;
  const rows = await db
    .select({ projectId: j.projectId, createdBy: j.createdBy, n: sql<number>`count(*)::int` })
    .from(j)
    .where(and(inArray(j.status, [...ACTIVE])))
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
