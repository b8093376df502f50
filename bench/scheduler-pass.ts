/**
 * The scheduler's decision at scale (issue 10): one `planPlacements` pass over 10,000 queued jobs and
 * 1,000 nodes, against a baseline measured in the same run — sorting the same jobs into queue order,
 * which any pass must do at least. Two load shapes: limits that admit every job (the pass places as
 * many as capacity allows, so it searches nodes for each) and the default limits (8 overall, 1 per
 * user: most jobs wait on a limit). This measures the decision in memory; loading the rows from
 * PostgreSQL and writing the placements is measured separately once the pass runs on the database.
 *
 *   npx tsx bench/scheduler-pass.ts
 */
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import {
  compareQueueOrder,
  type NodeCapacity,
  planPlacements,
  type QueuedJob,
  type ResourceClassShape,
} from "@infera/core";
import { writeSection } from "./lib/benchmarks-md.js";
import { percentile } from "./lib/measure.js";

const JOBS = 10_000;
const NODES = 1_000;
const ROUNDS = 30;
const GiB = 1024 ** 3;

const classes = new Map<string, ResourceClassShape>([
  [
    "cpu-2",
    { name: "cpu-2", cpus: 2, memoryBytes: 4 * GiB, gpuModel: null, gpuCount: 0, gpuMemoryBytes: null },
  ],
  [
    "1xA100-80G",
    {
      name: "1xA100-80G",
      cpus: 8,
      memoryBytes: 64 * GiB,
      gpuModel: "A100",
      gpuCount: 1,
      gpuMemoryBytes: 80 * GiB,
    },
  ],
  [
    "1xL4",
    { name: "1xL4", cpus: 4, memoryBytes: 32 * GiB, gpuModel: "L4", gpuCount: 1, gpuMemoryBytes: 24 * GiB },
  ],
]);
const classNames = [...classes.keys()];

/** A deterministic pseudo-random sequence, so every run plans the same world. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function world() {
  const r = rng(42);
  const nodes: NodeCapacity[] = [];
  for (let i = 0; i < NODES; i++) {
    const kind = i % 10;
    const gpus =
      kind < 3
        ? Array.from({ length: 8 }, (_, index) => ({
            index,
            model: "NVIDIA A100-SXM4-80GB",
            memoryBytes: 80 * GiB,
          }))
        : kind < 6
          ? Array.from({ length: 4 }, (_, index) => ({ index, model: "NVIDIA L4", memoryBytes: 24 * GiB }))
          : [];
    // Nodes are partly busy: a random share of their GPUs and CPUs is taken.
    const busy = Math.floor(r() * gpus.length);
    nodes.push({
      id: `node-${i}`,
      totalCpus: 64,
      totalMemoryBytes: 512 * GiB,
      totalGpus: gpus,
      freeCpus: 64 - Math.floor(r() * 48),
      freeMemoryBytes: (512 - Math.floor(r() * 300)) * GiB,
      freeGpus: gpus.slice(busy),
    });
  }
  const start = Date.UTC(2026, 0, 1);
  const jobs: QueuedJob[] = [];
  for (let i = 0; i < JOBS; i++) {
    const resourceClass = classNames[Math.floor(r() * classNames.length)] as string;
    jobs.push({
      id: `ftj_${String(i).padStart(26, "0")}`,
      priority: r() < 0.1 ? 10 : 0,
      queuedAt: new Date(start + i * 1000),
      projectId: `proj_${i % 200}`,
      userId: `usr_${i % 2000}`,
      resourceClass,
      gpuCount: resourceClass === "cpu-2" ? 0 : r() < 0.2 ? 2 : 1,
    });
  }
  // Shuffled, as rows come back from the database in no useful order.
  for (let i = jobs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [jobs[i], jobs[j]] = [jobs[j] as QueuedJob, jobs[i] as QueuedJob];
  }
  return { nodes, jobs };
}

function time(fn: () => unknown): number[] {
  for (let i = 0; i < 3; i++) fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b);
}

const { nodes, jobs } = world();
const none = { overall: 0, byUser: new Map<string, number>(), byProject: new Map<string, number>() };
const open = { overall: Number.MAX_SAFE_INTEGER, perUser: null, perProject: new Map<string, number>() };
const defaults = { overall: 8, perUser: 1, perProject: new Map<string, number>() };

const sortMs = time(() => [...jobs].sort(compareQueueOrder));
let placedOpen = 0;
const openMs = time(() => {
  placedOpen = planPlacements({ queued: jobs, active: none, limits: open, nodes, classes }).placements.length;
});
let placedDefault = 0;
const defaultMs = time(() => {
  placedDefault = planPlacements({ queued: jobs, active: none, limits: defaults, nodes, classes }).placements
    .length;
});

const row = (name: string, ms: number[], placed: number | string) => {
  const p50 = percentile(ms, 50);
  return `| ${name} | ${placed} | ${p50.toFixed(1)} | ${percentile(ms, 95).toFixed(1)} | ${placed === "—" ? "—" : Math.round(JOBS / (p50 / 1000)).toLocaleString("en-US")} | ${(p50 / percentile(sortMs, 50)).toFixed(1)}× |`;
};
const body = `Run: \`npx tsx bench/scheduler-pass.ts\`, ${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? "cpu"} × ${cpus().length}, Node ${process.version}. ${JOBS.toLocaleString("en-US")} queued jobs (three resource classes, 10% high priority, 200 projects, 2,000 users) on ${NODES.toLocaleString("en-US")} nodes (30% with 8 A100, 30% with 4 L4, the rest CPU only; partly busy); ${ROUNDS} rounds after a warm-up.

| pass | jobs placed | p50 ms | p95 ms | decisions / s (p50) | × sorting the queue |
|---|---|---|---|---|---|
${row("sort the queue only (baseline)", sortMs, "—")}
${row("no concurrency limits (every job searched for a node)", openMs, placedOpen)}
${row("default limits (8 overall, 1 per user)", defaultMs, placedDefault)}

Goal: one pass ≤ 1 s with 10,000 queued jobs and 1,000 nodes. The in-memory decision is well inside it; loading the queue and the nodes from PostgreSQL and writing the placements are not in these figures yet (the database pass is still to be measured).`;

console.log(body);
writeSection(
  fileURLToPath(new URL("../docs/benchmarks.md", import.meta.url)),
  "## Scheduler pass (bench/scheduler-pass.ts)",
  body,
);
