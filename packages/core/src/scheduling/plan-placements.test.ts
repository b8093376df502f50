import { describe, expect, it } from "vitest";
import { estimateQueueStarts } from "./estimate-queue.js";
import {
  type ActiveCounts,
  type ConcurrencyLimits,
  type NodeCapacity,
  type NodeGpu,
  planPlacements,
  type QueuedJob,
  type ResourceClassShape,
} from "./plan-placements.js";

const GiB = 1024 ** 3;
const cpu2: ResourceClassShape = {
  name: "cpu-2",
  cpus: 2,
  memoryBytes: 4 * GiB,
  gpuModel: null,
  gpuCount: 0,
  gpuMemoryBytes: null,
};
const a100: ResourceClassShape = {
  name: "1xA100-80G",
  cpus: 4,
  memoryBytes: 32 * GiB,
  gpuModel: "A100",
  gpuCount: 1,
  gpuMemoryBytes: 80 * GiB,
};
const classes = new Map([
  [cpu2.name, cpu2],
  [a100.name, a100],
]);

function node(id: string, cpus: number, memGiB: number, gpus: NodeGpu[] = []): NodeCapacity {
  return {
    id,
    freeCpus: cpus,
    freeMemoryBytes: memGiB * GiB,
    freeGpus: gpus,
    totalCpus: cpus,
    totalMemoryBytes: memGiB * GiB,
    totalGpus: gpus,
  };
}
const gpu = (index: number, model = "NVIDIA A100-SXM4-80GB", memGiB = 80): NodeGpu => ({
  index,
  model,
  memoryBytes: memGiB * GiB,
});

let seq = 0;
function job(over: Partial<QueuedJob> = {}): QueuedJob {
  seq++;
  return {
    id: `ftj_${String(seq).padStart(4, "0")}`,
    priority: 0,
    queuedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)),
    projectId: "proj_a",
    userId: `usr_${seq}`,
    resourceClass: "cpu-2",
    gpuCount: 0,
    ...over,
  };
}
const none: ActiveCounts = { overall: 0, byUser: new Map(), byProject: new Map() };
const limits = (over: Partial<ConcurrencyLimits> = {}): ConcurrencyLimits => ({
  overall: 8,
  perUser: 1,
  perProject: new Map(),
  ...over,
});

describe("planPlacements", () => {
  it("places by priority, then first come first served", () => {
    const early = job();
    const late = job();
    const urgent = job({ priority: 5 });
    const r = planPlacements({
      queued: [late, early, urgent],
      active: none,
      limits: limits(),
      nodes: [node("n1", 4, 16)],
      classes,
    });
    expect(r.placements.map((p) => p.jobId)).toEqual([urgent.id, early.id]);
    expect(r.waiting).toEqual([{ jobId: late.id, position: 1, reason: "no_capacity" }]);
  });

  it("holds the overall, per-user and per-project limits exactly, without blocking other users", () => {
    const u1a = job({ userId: "usr_x" });
    const u1b = job({ userId: "usr_x" });
    const p2 = job({ projectId: "proj_b" });
    const p2b = job({ projectId: "proj_b" });
    const other = job();
    const r = planPlacements({
      queued: [u1a, u1b, p2, p2b, other],
      active: { overall: 1, byUser: new Map(), byProject: new Map() },
      limits: limits({ overall: 4, perProject: new Map([["proj_b", 1]]) }),
      nodes: [node("n1", 64, 256)],
      classes,
    });
    expect(r.placements.map((p) => p.jobId)).toEqual([u1a.id, p2.id, other.id]);
    expect(r.waiting.map((w) => [w.jobId, w.reason])).toEqual([
      [u1b.id, "limit_user"],
      [p2b.id, "limit_project"],
    ]);
  });

  it("counts jobs already running against the limits", () => {
    const mine = job({ userId: "usr_busy" });
    const r = planPlacements({
      queued: [mine],
      active: { overall: 1, byUser: new Map([["usr_busy", 1]]), byProject: new Map() },
      limits: limits(),
      nodes: [node("n1", 8, 32)],
      classes,
    });
    expect(r.placements).toEqual([]);
    expect(r.waiting[0]?.reason).toBe("limit_user");
  });

  it("gives GPU jobs matching GPUs and CUDA indices, and never the same GPU twice", () => {
    const g1 = job({ resourceClass: a100.name });
    const g2 = job({ resourceClass: a100.name, gpuCount: 2 });
    const g3 = job({ resourceClass: a100.name });
    const r = planPlacements({
      queued: [g1, g2, g3],
      active: none,
      limits: limits(),
      nodes: [node("gpu-node", 32, 256, [gpu(0), gpu(1), gpu(2), gpu(3, "NVIDIA L4", 24)])],
      classes,
    });
    expect(r.placements).toEqual([
      { jobId: g1.id, nodeId: "gpu-node", gpuIndices: [0] },
      { jobId: g2.id, nodeId: "gpu-node", gpuIndices: [1, 2] },
    ]);
    expect(r.waiting).toEqual([{ jobId: g3.id, position: 1, reason: "no_capacity" }]);
  });

  it("says no_node_fits for a class bigger than every node, and unknown classes apart", () => {
    const big = job({ resourceClass: a100.name });
    const odd = job({ resourceClass: "tpu-v5" });
    const small = job();
    const r = planPlacements({
      queued: [big, odd, small],
      active: none,
      limits: limits(),
      nodes: [node("cpu-only", 4, 16)],
      classes,
    });
    expect(r.placements.map((p) => p.jobId)).toEqual([small.id]);
    expect(r.waiting.map((w) => w.reason)).toEqual(["no_node_fits", "unknown_resource_class"]);
  });

  it("does not let later jobs of a blocked class overtake, but lets other classes run", () => {
    const bigCpu: ResourceClassShape = { ...cpu2, name: "cpu-8", cpus: 8 };
    const cls = new Map([...classes, [bigCpu.name, bigCpu]]);
    const head = job({ resourceClass: "cpu-8" });
    const small = job();
    const next8 = job({ resourceClass: "cpu-8" });
    const r = planPlacements({
      queued: [head, small, next8],
      active: none,
      limits: limits(),
      // 8 CPUs in all, 6 free: the cpu-8 head cannot start now; cpu-2 can.
      nodes: [{ ...node("n1", 8, 64), freeCpus: 6 }],
      classes: cls,
    });
    expect(r.placements.map((p) => p.jobId)).toEqual([small.id]);
    expect(r.waiting.map((w) => [w.jobId, w.reason])).toEqual([
      [head.id, "no_capacity"],
      [next8.id, "no_capacity"],
    ]);
  });

  it("packs onto the fullest node that fits (best fit)", () => {
    const r = planPlacements({
      queued: [job()],
      active: none,
      limits: limits(),
      nodes: [node("roomy", 32, 128), { ...node("busy", 32, 128), freeCpus: 2 }],
      classes,
    });
    expect(r.placements[0]?.nodeId).toBe("busy");
  });
});

describe("estimateQueueStarts", () => {
  it("replays the queue over the slots as running jobs finish", () => {
    const starts = estimateQueueStarts({
      slots: 2,
      runningRemainingSeconds: [100, 300],
      queued: [
        { id: "a", durationSeconds: 50 },
        { id: "b", durationSeconds: 1000 },
        { id: "c", durationSeconds: null },
      ],
      fallbackDurationSeconds: 600,
    });
    expect(Object.fromEntries(starts)).toEqual({ a: 100, b: 150, c: 300 });
  });

  it("starts at once on idle slots and uses the fallback for unknown running ETAs", () => {
    const starts = estimateQueueStarts({
      slots: 3,
      runningRemainingSeconds: [null],
      queued: [
        { id: "a", durationSeconds: 10 },
        { id: "b", durationSeconds: 10 },
        { id: "c", durationSeconds: 10 },
      ],
      fallbackDurationSeconds: 60,
    });
    expect(Object.fromEntries(starts)).toEqual({ a: 0, b: 0, c: 10 });
  });
});
