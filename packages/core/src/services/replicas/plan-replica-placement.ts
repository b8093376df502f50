import type { NodeGpu, ResourceClassShape } from "../../scheduling/plan-placements.js";

/**
 * One placement pass of the replica manager as a pure function (decision 0025): given every worker
 * node (alive or not, draining or not, what is free on it), every llama.cpp revision with its desired
 * replica count and resource class, and every live replica row, it says which replicas to create on
 * which node, which to stop, which were lost with their node, and why a revision that misses
 * replicas waits. The database part (placeServiceReplicas) loads the inputs and writes the answer.
 */

export interface PlacementNode {
  id: string;
  /** Heartbeat within the grace. */
  online: boolean;
  draining: boolean;
  /** Replicas it runs at most (its INFERA_MAX_REPLICAS); 0: none. */
  maxReplicas: number;
  /** Live replicas on it now (pending, starting, ready, stopping). */
  replicas: number;
  freeCpus: number;
  freeMemoryBytes: number;
  freeGpus: NodeGpu[];
}

export interface PlacementRevision {
  revisionId: string;
  serviceId: string;
  /** What desiredReplicas() answers: 0 when it carries no traffic or its service is stopped. */
  desired: number;
  /** Its class (null: unknown, it cannot be placed). */
  shape: ResourceClassShape | null;
  resourceClass: string;
  gpuCount: number;
  /**
   * No-gap rollover: it wants none any more, but a revision of its service that took the traffic has
   * no ready replica yet, so its ready replicas keep serving until one is.
   */
  hold: boolean;
}

export type LiveReplicaState = "pending" | "starting" | "ready" | "stopping";

export interface PlacementReplica {
  id: string;
  revisionId: string;
  nodeId: string;
  state: LiveReplicaState;
}

export interface ReplicaPlacementPlan {
  create: { revisionId: string; nodeId: string; gpuIndices: number[] }[];
  /** Live replicas to stop (their node's pass stops the process). */
  stop: string[];
  /** Replicas of nodes offline past the grace: gone with their node, placed again elsewhere. */
  lost: string[];
  /** Revisions that miss replicas no node can take now, with the reason in words. */
  waits: { revisionId: string; reason: string }[];
}

const GIB = 1024 ** 3;

export function planReplicaPlacement(input: {
  nodes: readonly PlacementNode[];
  revisions: readonly PlacementRevision[];
  replicas: readonly PlacementReplica[];
}): ReplicaPlacementPlan {
  const nodes = new Map(input.nodes.map((n) => [n.id, { ...n, freeGpus: [...n.freeGpus] }]));
  const plan: ReplicaPlacementPlan = { create: [], stop: [], lost: [], waits: [] };
  const byRevision = new Map<string, PlacementReplica[]>();
  for (const r of input.replicas) {
    const node = nodes.get(r.nodeId);
    if (!node?.online) {
      // Its node is gone (or was deleted): its processes are unreachable, its row goes.
      plan.lost.push(r.id);
      if (node) node.replicas--;
      continue;
    }
    if (r.state === "stopping") continue;
    const list = byRevision.get(r.revisionId);
    if (list) list.push(r);
    else byRevision.set(r.revisionId, [r]);
  }
  const known = new Set(input.revisions.map((r) => r.revisionId));
  // Replicas of revisions the pass does not manage any more (failed, deleted, another runtime).
  for (const [revisionId, list] of byRevision)
    if (!known.has(revisionId)) for (const r of list) plan.stop.push(r.id);

  for (const revision of input.revisions) {
    const live = byRevision.get(revision.revisionId) ?? [];
    const usable = (r: PlacementReplica) => !nodes.get(r.nodeId)!.draining;
    if (revision.desired === 0) {
      // Held ready replicas serve until the new revision is ready; the rest stop now.
      for (const r of live) if (!(revision.hold && r.state === "ready")) plan.stop.push(r.id);
      continue;
    }
    const good = live.filter(usable);
    const draining = live.filter((r) => !usable(r));
    // Extras go, the least advanced first (pending, then starting, then the newest ready).
    const rank: Record<LiveReplicaState, number> = { pending: 0, starting: 1, ready: 2, stopping: 3 };
    const ordered = [...good].sort((a, b) => rank[a.state] - rank[b.state]);
    while (ordered.length > revision.desired) plan.stop.push(ordered.shift()!.id);
    // A draining node's replicas stop once enough replicas elsewhere are ready; until then the ones
    // that serve keep serving, and the ones that do not yet serve stop at once.
    const readyElsewhere = ordered.filter((r) => r.state === "ready").length;
    for (const r of draining)
      if (readyElsewhere >= revision.desired || r.state !== "ready") plan.stop.push(r.id);
    const missing = revision.desired - ordered.length;
    if (missing <= 0) continue;
    if (!revision.shape) {
      plan.waits.push({
        revisionId: revision.revisionId,
        reason: `its resource class ${revision.resourceClass} does not exist; deploy it with another`,
      });
      continue;
    }
    const shape = revision.shape;
    const gpus = Math.max(revision.gpuCount, shape.gpuCount);
    // Spread: how many replicas of this revision each node has already.
    const mine = new Map<string, number>();
    for (const r of ordered) mine.set(r.nodeId, (mine.get(r.nodeId) ?? 0) + 1);
    for (let i = 0; i < missing; i++) {
      const chosen = chooseNode(nodes.values(), shape, gpus, mine);
      if (!chosen) {
        plan.waits.push({
          revisionId: revision.revisionId,
          reason: whyNoNode([...nodes.values()], shape, gpus, missing - i),
        });
        break;
      }
      const { node, gpuIndices } = chosen;
      node.replicas++;
      node.freeCpus -= shape.cpus;
      node.freeMemoryBytes -= shape.memoryBytes;
      const taken = new Set(gpuIndices);
      node.freeGpus = node.freeGpus.filter((g) => !taken.has(g.index));
      mine.set(node.id, (mine.get(node.id) ?? 0) + 1);
      plan.create.push({ revisionId: revision.revisionId, nodeId: node.id, gpuIndices });
    }
  }
  return plan;
}

function gpuMatches(gpu: NodeGpu, shape: ResourceClassShape): boolean {
  if (shape.gpuModel && !gpu.model.toLowerCase().includes(shape.gpuModel.toLowerCase())) return false;
  return shape.gpuMemoryBytes === null || gpu.memoryBytes >= shape.gpuMemoryBytes;
}

function takes(node: PlacementNode): boolean {
  return node.online && !node.draining && node.replicas < node.maxReplicas;
}

/**
 * The node for one more replica: alive, not draining, under its replica limit, with the class's
 * CPUs, memory and GPUs free; of those the one with the fewest replicas of this revision (spread),
 * then the fewest replicas at all, then the most free CPUs, then by id (a stable answer).
 */
function chooseNode(
  nodes: Iterable<PlacementNode>,
  shape: ResourceClassShape,
  gpus: number,
  mine: ReadonlyMap<string, number>,
): { node: PlacementNode; gpuIndices: number[] } | null {
  let best: PlacementNode | null = null;
  let bestGpus: NodeGpu[] = [];
  for (const node of nodes) {
    if (!takes(node) || node.freeCpus < shape.cpus || node.freeMemoryBytes < shape.memoryBytes) continue;
    const matching = gpus > 0 ? node.freeGpus.filter((g) => gpuMatches(g, shape)) : [];
    if (matching.length < gpus) continue;
    if (best && !better(node, best, mine)) continue;
    best = node;
    bestGpus = matching.slice(0, gpus);
  }
  if (!best) return null;
  return { node: best, gpuIndices: bestGpus.map((g) => g.index).sort((a, b) => a - b) };
}

function better(a: PlacementNode, b: PlacementNode, mine: ReadonlyMap<string, number>): boolean {
  const spread = (mine.get(a.id) ?? 0) - (mine.get(b.id) ?? 0);
  if (spread) return spread < 0;
  if (a.replicas !== b.replicas) return a.replicas < b.replicas;
  if (a.freeCpus !== b.freeCpus) return a.freeCpus > b.freeCpus;
  return a.id < b.id;
}

/** Why no node takes a replica of `shape`, resource by resource, as the revision's wait reason. */
function whyNoNode(nodes: PlacementNode[], shape: ResourceClassShape, gpus: number, missing: number): string {
  const need = `${shape.cpus} CPUs, ${fmtGib(shape.memoryBytes)} memory${gpus ? `, ${gpus} GPU${gpus > 1 ? "s" : ""}${shape.gpuModel ? ` (${shape.gpuModel})` : ""}` : ""}`;
  const head = `${missing} replica${missing > 1 ? "s" : ""} of class ${shape.name} (${need}) wait${missing > 1 ? "" : "s"} for a node`;
  const counted = new Map<string, number>();
  const count = (why: string) => counted.set(why, (counted.get(why) ?? 0) + 1);
  for (const n of nodes) {
    if (!n.online) count("offline");
    else if (n.maxReplicas <= 0) count("running no replicas (INFERA_MAX_REPLICAS=0)");
    else if (n.draining) count("draining");
    else if (n.replicas >= n.maxReplicas) count("at its replica limit (INFERA_MAX_REPLICAS)");
    else {
      if (n.freeCpus < shape.cpus) count("short of CPUs");
      if (n.freeMemoryBytes < shape.memoryBytes) count("short of memory");
      if (gpus > 0 && n.freeGpus.filter((g) => gpuMatches(g, shape)).length < gpus)
        count(shape.gpuModel ? `short of ${shape.gpuModel} GPUs` : "short of GPUs");
    }
  }
  if (!nodes.length) return `${head}: no worker node is registered`;
  const parts = [...counted].map(([why, n]) => `${n} node${n > 1 ? "s" : ""} ${why}`);
  return `${head}: ${parts.join(", ")}`;
}

function fmtGib(bytes: number): string {
  const gib = bytes / GIB;
  return `${Number.isInteger(gib) ? gib : gib.toFixed(1)} GiB`;
}
