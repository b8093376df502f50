/**
 * One scheduling pass as a pure function: which queued training jobs start now, on which node, with
 * which GPUs, and why each of the others waits. The database part of the scheduler loads the inputs
 * and applies the placements; keeping the decision pure makes it testable and measurable on its own
 * (bench/scheduler-pass.ts runs it on 10,000 jobs and 1,000 nodes).
 *
 * Order: priority (higher first), then FIFO by queue time, then id. A job held back by a concurrency
 * limit does not hold back anyone else. A job that no node has room for *now* blocks the later jobs
 * of its own resource class (so small jobs of that class cannot starve it), but not other classes.
 */

export interface ResourceClassShape {
  name: string;
  cpus: number;
  memoryBytes: number;
  /** Matched against the node GPU's model name, case-insensitively, as a substring ("A100" ⊂ "NVIDIA A100-SXM4-80GB"). */
  gpuModel: string | null;
  /** GPUs per job of this class; a job may ask for more with its own gpu count. */
  gpuCount: number;
  gpuMemoryBytes: number | null;
}

export interface NodeGpu {
  index: number;
  model: string;
  memoryBytes: number;
}

export interface NodeCapacity {
  id: string;
  /** What is free on the node now (its total minus what its running jobs hold). */
  freeCpus: number;
  freeMemoryBytes: number;
  freeGpus: NodeGpu[];
  /** The node's whole size: a class bigger than every node can never run (reported as `no_node_fits`). */
  totalCpus: number;
  totalMemoryBytes: number;
  totalGpus: NodeGpu[];
}

export interface QueuedJob {
  id: string;
  priority: number;
  queuedAt: Date;
  projectId: string;
  userId: string | null;
  resourceClass: string;
  gpuCount: number;
}

export interface ActiveCounts {
  overall: number;
  byUser: ReadonlyMap<string, number>;
  byProject: ReadonlyMap<string, number>;
}

export interface ConcurrencyLimits {
  /** Jobs starting or running at once on the whole installation (seed 004: 8). */
  overall: number;
  /** Per creating user (default 1). */
  perUser: number | null;
  /** Per project, when a project sets one (a map of project id → limit; absent = no limit). */
  perProject: ReadonlyMap<string, number>;
}

export type WaitReason =
  | "limit_overall"
  | "limit_user"
  | "limit_project"
  | "no_capacity"
  | "no_node_fits"
  | "unknown_resource_class";

export interface Placement {
  jobId: string;
  nodeId: string;
  gpuIndices: number[];
}

export interface PlanResult {
  placements: Placement[];
  /** Every job not placed, in queue order, with its 1-based position among the waiting jobs. */
  waiting: { jobId: string; position: number; reason: WaitReason }[];
}

export function compareQueueOrder(a: QueuedJob, b: QueuedJob): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const t = a.queuedAt.getTime() - b.queuedAt.getTime();
  if (t !== 0) return t;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function planPlacements(input: {
  queued: readonly QueuedJob[];
  active: ActiveCounts;
  limits: ConcurrencyLimits;
  nodes: readonly NodeCapacity[];
  classes: ReadonlyMap<string, ResourceClassShape>;
}): PlanResult {
  const queued = [...input.queued].sort(compareQueueOrder);
  const nodes = input.nodes.map((n) => ({ ...n, freeGpus: [...n.freeGpus] }));
  let overall = input.active.overall;
  const byUser = new Map(input.active.byUser);
  const byProject = new Map(input.active.byProject);
  const blockedClasses = new Set<string>();
  // Whether any node could ever hold a class (with a GPU count): asked once per pair, not per job.
  const anyNodeFits = new Map<string, boolean>();
  const placements: Placement[] = [];
  const waiting: PlanResult["waiting"] = [];
  const wait = (jobId: string, reason: WaitReason) =>
    waiting.push({ jobId, position: waiting.length + 1, reason });

  for (const job of queued) {
    const shape = input.classes.get(job.resourceClass);
    if (!shape) {
      wait(job.id, "unknown_resource_class");
      continue;
    }
    if (overall >= input.limits.overall) {
      wait(job.id, "limit_overall");
      continue;
    }
    if (
      job.userId &&
      input.limits.perUser !== null &&
      (byUser.get(job.userId) ?? 0) >= input.limits.perUser
    ) {
      wait(job.id, "limit_user");
      continue;
    }
    const projectLimit = input.limits.perProject.get(job.projectId);
    if (projectLimit !== undefined && (byProject.get(job.projectId) ?? 0) >= projectLimit) {
      wait(job.id, "limit_project");
      continue;
    }
    const gpus = Math.max(job.gpuCount, shape.gpuCount);
    const fitKey = `${shape.name}\u0000${gpus}`;
    let fits = anyNodeFits.get(fitKey);
    if (fits === undefined) {
      fits = nodes.some((n) => fitsWhole(n, shape, gpus));
      anyNodeFits.set(fitKey, fits);
    }
    if (!fits) {
      wait(job.id, "no_node_fits");
      continue;
    }
    if (blockedClasses.has(shape.name)) {
      wait(job.id, "no_capacity");
      continue;
    }
    const placed = placeOnNode(nodes, shape, gpus);
    if (!placed) {
      blockedClasses.add(shape.name);
      wait(job.id, "no_capacity");
      continue;
    }
    placements.push({ jobId: job.id, nodeId: placed.nodeId, gpuIndices: placed.gpuIndices });
    overall++;
    if (job.userId) byUser.set(job.userId, (byUser.get(job.userId) ?? 0) + 1);
    byProject.set(job.projectId, (byProject.get(job.projectId) ?? 0) + 1);
  }
  return { placements, waiting };
}

function gpuMatches(gpu: NodeGpu, shape: ResourceClassShape): boolean {
  if (shape.gpuModel && !gpu.model.toLowerCase().includes(shape.gpuModel.toLowerCase())) return false;
  return shape.gpuMemoryBytes === null || gpu.memoryBytes >= shape.gpuMemoryBytes;
}

function fitsWhole(node: NodeCapacity, shape: ResourceClassShape, gpus: number): boolean {
  return (
    node.totalCpus >= shape.cpus &&
    node.totalMemoryBytes >= shape.memoryBytes &&
    node.totalGpus.filter((g) => gpuMatches(g, shape)).length >= gpus
  );
}

/**
 * Best fit: the node left with the least free CPU after placing (packs small jobs together and keeps
 * big nodes whole for big jobs). Takes the resources from the chosen node's free pool.
 */
function placeOnNode(
  nodes: NodeCapacity[],
  shape: ResourceClassShape,
  gpus: number,
): { nodeId: string; gpuIndices: number[] } | null {
  let best: NodeCapacity | null = null;
  let bestGpus: NodeGpu[] = [];
  for (const node of nodes) {
    if (node.freeCpus < shape.cpus || node.freeMemoryBytes < shape.memoryBytes) continue;
    const matching = gpus > 0 ? node.freeGpus.filter((g) => gpuMatches(g, shape)) : [];
    if (matching.length < gpus) continue;
    if (!best || node.freeCpus < best.freeCpus) {
      best = node;
      bestGpus = matching.slice(0, gpus);
    }
  }
  if (!best) return null;
  best.freeCpus -= shape.cpus;
  best.freeMemoryBytes -= shape.memoryBytes;
  const taken = new Set(bestGpus.map((g) => g.index));
  best.freeGpus = best.freeGpus.filter((g) => !taken.has(g.index));
  return { nodeId: best.id, gpuIndices: bestGpus.map((g) => g.index).sort((a, b) => a - b) };
}
