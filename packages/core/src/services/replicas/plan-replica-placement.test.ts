import { describe, expect, it } from "vitest";
import type { ResourceClassShape } from "../../scheduling/plan-placements.js";
import {
  type PlacementNode,
  type PlacementReplica,
  type PlacementRevision,
  planReplicaPlacement,
} from "./plan-replica-placement.js";

const GiB = 1024 ** 3;
const cpu2: ResourceClassShape = {
  name: "cpu-2",
  cpus: 2,
  memoryBytes: 4 * GiB,
  gpuModel: null,
  gpuCount: 0,
  gpuMemoryBytes: null,
};
const gpu1: ResourceClassShape = { ...cpu2, name: "gpu-1", gpuModel: "A100", gpuCount: 1 };

const node = (id: string, extra: Partial<PlacementNode> = {}): PlacementNode => ({
  id,
  online: true,
  draining: false,
  maxReplicas: 8,
  replicas: 0,
  freeCpus: 16,
  freeMemoryBytes: 64 * GiB,
  freeGpus: [],
  ...extra,
});
const revision = (
  id: string,
  desired: number,
  extra: Partial<PlacementRevision> = {},
): PlacementRevision => ({
  revisionId: id,
  serviceId: `svc-${id}`,
  desired,
  shape: cpu2,
  resourceClass: "cpu-2",
  gpuCount: 0,
  hold: false,
  ...extra,
});
const replica = (
  id: string,
  revisionId: string,
  nodeId: string,
  state: PlacementReplica["state"] = "ready",
) => ({
  id,
  revisionId,
  nodeId,
  state,
});

describe("planReplicaPlacement", () => {
  it("spreads a revision over nodes before doubling up, and takes capacity as it goes", () => {
    const plan = planReplicaPlacement({
      nodes: [node("a"), node("b"), node("c", { freeCpus: 2 })],
      revisions: [revision("r1", 4)],
      replicas: [],
    });
    expect(plan.create.map((c) => c.nodeId).sort()).toEqual(["a", "a", "b", "c"]);
    expect(plan.waits).toEqual([]);
  });

  it("keeps what runs, stops extras least advanced first, and stops replicas of revisions it does not manage", () => {
    const plan = planReplicaPlacement({
      nodes: [node("a"), node("b")],
      revisions: [revision("r1", 1)],
      replicas: [
        replica("x1", "r1", "a", "ready"),
        replica("x2", "r1", "b", "pending"),
        replica("y1", "gone", "a", "ready"),
      ],
    });
    expect(plan.create).toEqual([]);
    expect(plan.stop.sort()).toEqual(["x2", "y1"]);
  });

  it("replaces a dead node's replicas and gives GPUs by index", () => {
    const plan = planReplicaPlacement({
      nodes: [
        node("dead", { online: false }),
        node("g", { freeGpus: [{ index: 0, model: "NVIDIA A100-SXM4-80GB", memoryBytes: 80 * GiB }] }),
      ],
      revisions: [revision("r1", 1, { shape: gpu1, resourceClass: "gpu-1" })],
      replicas: [replica("x1", "r1", "dead")],
    });
    expect(plan.lost).toEqual(["x1"]);
    expect(plan.create).toEqual([{ revisionId: "r1", nodeId: "g", gpuIndices: [0] }]);
  });

  it("drains: a replacement elsewhere first, the drained replica stops once enough are ready", () => {
    const nodes = [node("a", { draining: true, replicas: 1 }), node("b")];
    const first = planReplicaPlacement({
      nodes,
      revisions: [revision("r1", 1)],
      replicas: [replica("x1", "r1", "a")],
    });
    expect(first.create).toEqual([{ revisionId: "r1", nodeId: "b", gpuIndices: [] }]);
    expect(first.stop).toEqual([]);
    const starting = planReplicaPlacement({
      nodes,
      revisions: [revision("r1", 1)],
      replicas: [replica("x1", "r1", "a"), replica("x2", "r1", "b", "starting")],
    });
    expect(starting.stop).toEqual([]);
    expect(starting.create).toEqual([]);
    const ready = planReplicaPlacement({
      nodes,
      revisions: [revision("r1", 1)],
      replicas: [replica("x1", "r1", "a"), replica("x2", "r1", "b", "ready")],
    });
    expect(ready.stop).toEqual(["x1"]);
  });

  it("holds an old revision's ready replicas while told to (no-gap rollover), not its others", () => {
    const plan = planReplicaPlacement({
      nodes: [node("a")],
      revisions: [revision("old", 0, { hold: true })],
      replicas: [replica("x1", "old", "a", "ready"), replica("x2", "old", "a", "starting")],
    });
    expect(plan.stop).toEqual(["x2"]);
  });

  it("says which resource is short, node by node", () => {
    const plan = planReplicaPlacement({
      nodes: [
        node("small", { freeCpus: 1 }),
        node("tight", { freeMemoryBytes: GiB }),
        node("full", { replicas: 8 }),
        node("off", { online: false }),
        node("drained", { draining: true }),
      ],
      revisions: [revision("r1", 2), revision("r2", 1, { shape: gpu1, resourceClass: "gpu-1" })],
      replicas: [],
    });
    expect(plan.create).toEqual([]);
    expect(plan.waits).toEqual([
      {
        revisionId: "r1",
        reason:
          "2 replicas of class cpu-2 (2 CPUs, 4 GiB memory) wait for a node: 1 node short of CPUs, 1 node short of memory, 1 node at its replica limit (INFERA_MAX_REPLICAS), 1 node offline, 1 node draining",
      },
      {
        revisionId: "r2",
        reason: expect.stringMatching(
          /^1 replica of class gpu-1 \(2 CPUs, 4 GiB memory, 1 GPU \(A100\)\) waits for a node: .*2 nodes short of A100 GPUs/,
        ),
      },
    ]);
    const unknown = planReplicaPlacement({
      nodes: [node("a")],
      revisions: [revision("r3", 1, { shape: null, resourceClass: "nope" })],
      replicas: [],
    });
    expect(unknown.waits[0]!.reason).toMatch(/resource class nope does not exist/);
  });
});
