import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ProcessServingRuntime, registerNode } from "@infera/core";
import { eq, tables } from "@infera/db";
import { createReplicaExecutor } from "@infera/executors/local";
import { llamaCppRuntime } from "@infera/runtimes/serving";
import { servicesReconcile } from "@infera/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_MODEL_DIR, type RunningServer } from "../../main.js";
import type { HttpClient } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, unique, type World } from "../../testing/world.js";

const GiB = 1024 ** 3;

/**
 * A stand-in for infera-serve: answers /health on a port of its own, writes the ready file the
 * manager waits for, and prints its environment. Started by the real replica executor (detached,
 * recorded on disk), so what it sees is what a llama.cpp replica would see.
 */
const STAND_IN = `
const http = require("node:http"), fs = require("node:fs");
console.log(JSON.stringify({ cuda: process.env.CUDA_VISIBLE_DEVICES ?? null }));
const server = http.createServer((req, res) => res.writeHead(req.url === "/health" ? 200 : 404).end());
server.listen(0, "127.0.0.1", () => {
  fs.writeFileSync(process.argv[1] + ".part", JSON.stringify({ port: server.address().port, pid: process.pid }));
  fs.renameSync(process.argv[1] + ".part", process.argv[1]);
});
process.on("SIGTERM", () => process.exit(0));
`;
const standIn: ProcessServingRuntime = {
  ...llamaCppRuntime,
  command: process.execPath,
  args: (spec) => ["-e", STAND_IN, spec.readyFile!],
};

/** The environment of a live process, as the kernel has it. */
function environOf(pid: number): string[] {
  return readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
}

/**
 * A replica holds the GPUs placement gave it (`gpu_indices`) and no others: its process is started
 * with CUDA_VISIBLE_DEVICES naming them, and a CPU replica with the variable empty.
 */
describe("replica GPUs", () => {
  let server: RunningServer;
  let w: World;
  let owner: HttpClient;
  let tiny: string;
  let dir: string;
  let pass: () => Promise<void>;
  const replicas = () =>
    createReplicaExecutor({ dir: join(dir, "records"), baseEnv: { PATH: process.env.PATH! } });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "infera-replica-gpus-"));
    server = await startTestServer(
      { INFERA_DATA_DIR: join(dir, "data"), INFERA_NODE_OFFLINE_SECONDS: "3600" },
      { systemModelDir: BUNDLED_MODEL_DIR },
    );
    w = await createWorld(server.url);
    owner = w.users.owner!.client;
    const models = await owner.get(`/projects/${w.projectId}/models?scope=system`);
    tiny = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
    const node = await registerNode({
      ctx: server.systemCtx,
      node: {
        name: unique("gpu-node-"),
        roles: ["worker"],
        cpus: 16,
        memoryBytes: 64 * GiB,
        gpus: [0, 1, 2, 3].map((index) => ({
          index,
          model: "NVIDIA H100 80GB HBM3",
          memory_bytes: 80 * GiB,
        })),
        version: "test",
        maxReplicas: 4,
      },
    });
    const handler = servicesReconcile({
      replicas: replicas(),
      runtime: standIn,
      cacheDir: join(dir, "cache"),
      runDir: join(dir, "run"),
      node,
      maxReplicas: 4,
      stopGraceMs: 2000,
      healthWaitMs: 10_000,
      maxRestarts: 3,
      restartBackoff: { baseMs: 0, maxMs: 0 },
      defaultThreads: 1,
    });
    pass = () =>
      handler({
        job: {
          id: "test",
          kind: "services.reconcile",
          attempt: 1,
          maxAttempts: 1,
          payload: {},
          lastError: null,
        },
        ctx: server.systemCtx,
        signal: new AbortController().signal,
        log: server.log,
      });
  });
  afterAll(async () => {
    // Whatever a failed test left running goes with its record.
    if (dir) for (const t of await replicas().list()) await replicas().stop(t.replicaId, 0);
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const create = async (name: string, resources: object) => {
    const res = await owner.post(`/projects/${w.projectId}/services`, {
      name,
      exposure: "private",
      config: {
        model: { model_id: tiny, tag: "latest" },
        runtime: { kind: "llama.cpp", context_size: 256, threads: 1 },
        resources,
      },
    });
    expect(res.status, res.text).toBe(201);
    return res.body.data.id as string;
  };
  const replicaOf = async (serviceId: string) => {
    const rows = await server.database.db
      .select()
      .from(tables.serviceReplicas)
      .where(eq(tables.serviceReplicas.serviceId, serviceId));
    expect(rows).toHaveLength(1);
    return rows[0]!;
  };

  it("starts a GPU replica with CUDA_VISIBLE_DEVICES naming its placed GPUs, a CPU replica with it empty", async () => {
    const gpuClass = unique("h100x2-");
    const created = await w.admin.post("/admin/resource-classes", {
      name: gpuClass,
      cpus: 2,
      memory_bytes: 4 * GiB,
      gpu_model: "H100",
      gpu_count: 2,
    });
    expect(created.status, created.text).toBe(201);
    const first = await create("gpu-a", { resource_class: gpuClass, gpu_count: 2 });
    const second = await create("gpu-b", { resource_class: gpuClass, gpu_count: 2 });
    const cpu = await create("cpu-only", { resource_class: "cpu-2" });
    await pass();

    const a = await replicaOf(first);
    const b = await replicaOf(second);
    const c = await replicaOf(cpu);
    for (const r of [a, b, c]) expect(r.state).toBe("ready");
    // Two replicas of two GPUs each on a four-GPU node: disjoint pairs.
    expect([...a.gpuIndices, ...b.gpuIndices].sort()).toEqual([0, 1, 2, 3]);
    expect(a.gpuIndices).toHaveLength(2);
    expect(c.gpuIndices).toEqual([]);
    expect(environOf(a.pid!)).toContain(`CUDA_VISIBLE_DEVICES=${a.gpuIndices.join(",")}`);
    expect(environOf(b.pid!)).toContain(`CUDA_VISIBLE_DEVICES=${b.gpuIndices.join(",")}`);
    expect(environOf(c.pid!)).toContain("CUDA_VISIBLE_DEVICES=");
    // And the process printed the same (its own view, not only the kernel's).
    const printed = JSON.parse(readFileSync(join(dir, "run", `${c.id}.log`), "utf8").split("\n")[0]!);
    expect(printed).toEqual({ cuda: "" });

    // A restart after a crash keeps the row, so the same GPUs.
    process.kill(-a.pid!, "SIGKILL");
    for (let i = 0; i < 100 && (await replicas().list()).find((t) => t.replicaId === a.id)?.alive; i++)
      await new Promise((r) => setTimeout(r, 50));
    // The first pass writes the (zero) backoff, the next one restarts.
    await pass();
    await pass();
    const restarted = await replicaOf(first);
    expect(restarted.restartCount).toBe(1);
    expect(restarted.pid).not.toBe(a.pid);
    expect(environOf(restarted.pid!)).toContain(`CUDA_VISIBLE_DEVICES=${a.gpuIndices.join(",")}`);

    for (const id of [first, second, cpu])
      expect((await owner.post(`/services/${id}/stop`, {})).status).toBe(200);
    await pass();
    expect((await replicas().list()).filter((t) => t.alive)).toEqual([]);
  });
});
