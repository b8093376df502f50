import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  checkUpstreamRevisions,
  type ReplicaExecutor,
  type ReplicaLaunch,
  registerNode,
  type TrackedReplica,
} from "@infera/core";
import { eq, sql, tables } from "@infera/db";
import { llamaCppRuntime, probeOpenAiCompatible } from "@infera/runtimes/serving";
import { servicesReconcile } from "@infera/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_MODEL_DIR, type RunningServer } from "../../main.js";
import type { HttpClient } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, unique, type World } from "../../testing/world.js";

const GiB = 1024 ** 3;

/**
 * An executor of our own port that starts nothing: a "process" is an entry of a map, alive until
 * the test kills it or the manager stops it. It writes the replica's ready file with the port of a
 * real HTTP server answering /health (unless the test holds readiness back), so the manager's
 * health wait is the real one.
 */
class InTestReplicas implements ReplicaExecutor {
  readonly running = new Map<string, TrackedReplica>();
  /** Replicas started while held write their ready file only on release(). */
  hold = false;
  private held: ReplicaLaunch[] = [];
  private pid = 100_000;
  constructor(private readonly healthPort: () => number) {}
  async start(launch: ReplicaLaunch): Promise<TrackedReplica> {
    const t: TrackedReplica = {
      replicaId: launch.replicaId,
      revisionId: launch.revisionId,
      pid: this.pid++,
      readyFile: launch.readyFile,
      logFile: launch.logFile,
      startedAt: new Date().toISOString(),
      alive: true,
    };
    this.running.set(launch.replicaId, t);
    if (this.hold) this.held.push(launch);
    else this.ready(launch);
    return t;
  }
  release() {
    for (const l of this.held.splice(0)) this.ready(l);
    this.hold = false;
  }
  private ready(l: ReplicaLaunch) {
    writeFileSync(l.readyFile, JSON.stringify({ port: this.healthPort() }));
  }
  async list() {
    return [...this.running.values()].map((t) => ({ ...t }));
  }
  async stop(replicaId: string) {
    this.running.delete(replicaId);
  }
  async forget(replicaId: string) {
    this.running.delete(replicaId);
  }
  async sweepStrays() {
    return [];
  }
  ids() {
    return [...this.running.keys()].sort();
  }
}

/**
 * Placement across nodes: two simulated worker nodes (node rows with heartbeats, each with its own
 * replica manager handler and an in-test executor) share the cluster's replicas. The server's own
 * node runs none (INFERA_MAX_REPLICAS=0), so only the two handlers called here start anything.
 */
describe("replica placement across nodes", () => {
  let server: RunningServer;
  let w: World;
  let owner: HttpClient;
  let tiny: string;
  let dir: string;
  let health: Server;
  const nodes: Record<"a" | "b", { id: string; replicas: InTestReplicas; pass: () => Promise<void> }> =
    {} as never;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "infera-placement-"));
    health = createServer((req, res) => res.writeHead(req.url === "/health" ? 200 : 404).end());
    await new Promise<void>((r) => health.listen(0, "127.0.0.1", r));
    server = await startTestServer(
      { INFERA_DATA_DIR: join(dir, "data"), INFERA_NODE_OFFLINE_SECONDS: "3600" },
      { systemModelDir: BUNDLED_MODEL_DIR },
    );
    w = await createWorld(server.url);
    owner = w.users.owner!.client;
    const models = await owner.get(`/projects/${w.projectId}/models?scope=system`);
    tiny = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
    for (const name of ["a", "b"] as const) {
      const node = await registerNode({
        ctx: server.systemCtx,
        node: {
          name: unique(`node-${name}-`),
          roles: ["worker"],
          cpus: 8,
          memoryBytes: 32 * GiB,
          gpus: [],
          version: "test",
          maxReplicas: 4,
        },
      });
      const replicas = new InTestReplicas(() => (health.address() as AddressInfo).port);
      const handler = servicesReconcile({
        replicas,
        runtime: llamaCppRuntime,
        cacheDir: join(dir, `cache-${name}`),
        runDir: dir,
        node,
        maxReplicas: 4,
        stopGraceMs: 100,
        healthWaitMs: 1000,
        maxRestarts: 3,
        restartBackoff: { baseMs: 0, maxMs: 0 },
        defaultThreads: 1,
      });
      const pass = () =>
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
      nodes[name] = { id: node.id, replicas, pass };
    }
  });
  afterAll(async () => {
    await server?.stop();
    health?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const passes = async (n = 1) => {
    for (let i = 0; i < n; i++) {
      await nodes.a.pass();
      await nodes.b.pass();
    }
  };
  const config = (contextSize: number, opts: { replicas?: number; resourceClass?: string } = {}) => ({
    model: { model_id: tiny, tag: "latest" },
    runtime: { kind: "llama.cpp", context_size: contextSize, threads: 1 },
    resources: { resource_class: opts.resourceClass ?? "cpu-2" },
    autoscaling: { min_replicas: opts.replicas ?? 1, max_replicas: Math.max(1, opts.replicas ?? 1) },
  });
  const create = async (name: string, body: object) => {
    const res = await owner.post(`/projects/${w.projectId}/services`, {
      name,
      exposure: "private",
      config: body,
    });
    expect(res.status, res.text).toBe(201);
    return { id: res.body.data.id as string, revision: res.body.data.revisions[0].id as string };
  };
  const detail = async (id: string) => {
    const res = await w.admin.get(`/services/${id}`);
    expect(res.status, res.text).toBe(200);
    return res.body.data;
  };
  const live = (s: any, revisionId: string) =>
    s.replicas.filter((r: any) => r.revision_id === revisionId && r.state !== "failed");
  const revisionOf = (s: any, revisionId: string) => s.revisions.find((r: any) => r.id === revisionId);
  const stopService = async (id: string) => {
    expect((await owner.post(`/services/${id}/stop`, {})).status).toBe(200);
    await passes(2);
  };

  it("spreads a revision's replicas over both nodes, none started twice, even with the passes racing", async () => {
    const svc = await create("spread", config(256, { replicas: 2 }));
    // Both nodes' passes at once: the placement step runs one at a time, each node starts only its own.
    await Promise.all([nodes.a.pass(), nodes.b.pass()]);
    await passes(1);
    const s = await detail(svc.id);
    const replicas = live(s, svc.revision);
    expect(replicas.map((r: any) => r.state)).toEqual(["ready", "ready"]);
    expect(new Set(replicas.map((r: any) => r.node_id))).toEqual(new Set([nodes.a.id, nodes.b.id]));
    expect(revisionOf(s, svc.revision).current_state).toBe("ready");
    // Each node runs exactly the replica placed on it.
    for (const n of [nodes.a, nodes.b])
      expect(n.replicas.ids()).toEqual(replicas.filter((r: any) => r.node_id === n.id).map((r: any) => r.id));
    // More passes change nothing.
    await passes(2);
    expect(
      live(await detail(svc.id), svc.revision)
        .map((r: any) => r.id)
        .sort(),
    ).toEqual(replicas.map((r: any) => r.id).sort());
    await stopService(svc.id);
    expect(nodes.a.replicas.ids()).toEqual([]);
    expect(nodes.b.replicas.ids()).toEqual([]);
    expect(revisionOf(await detail(svc.id), svc.revision).current_state).toBe("inactive");
  });

  it("places a dead node's replicas on a live one; the node back kills what it still ran", async () => {
    const svc = await create("dead-node", config(264, { replicas: 2 }));
    await passes(2);
    const before = live(await detail(svc.id), svc.revision);
    const onB = before.find((r: any) => r.node_id === nodes.b.id);
    expect(onB?.state).toBe("ready");
    // Node b stops sending heartbeats: past the grace it is offline.
    await server.database.db
      .update(tables.nodes)
      .set({ lastSeenAt: sql`now() - interval '2 hours'` })
      .where(eq(tables.nodes.id, nodes.b.id));
    await nodes.a.pass();
    const after = await detail(svc.id);
    const replicas = live(after, svc.revision);
    expect(replicas.map((r: any) => [r.node_id, r.state])).toEqual([
      [nodes.a.id, "ready"],
      [nodes.a.id, "ready"],
    ]);
    expect(replicas.map((r: any) => r.id)).not.toContain(onB.id);
    const [lost] = await server.database.db
      .select()
      .from(tables.serviceReplicas)
      .where(eq(tables.serviceReplicas.id, onB.id));
    expect(lost).toMatchObject({ state: "stopped" });
    expect(lost!.lastError).toMatch(/node went offline/);
    expect(nodes.a.replicas.ids()).toHaveLength(2);
    // Node b comes back: its process of the lost replica is an orphan now, and goes.
    await server.database.db
      .update(tables.nodes)
      .set({ lastSeenAt: sql`now()` })
      .where(eq(tables.nodes.id, nodes.b.id));
    expect(nodes.b.replicas.ids()).toEqual([onB.id]);
    await nodes.b.pass();
    expect(nodes.b.replicas.ids()).toEqual([]);
    await stopService(svc.id);
  });

  it("drains a node: replacements start elsewhere, the drained replicas stop only once they are ready", async () => {
    const svc = await create("drain", config(272, { replicas: 1 }));
    await passes(1);
    const [first] = live(await detail(svc.id), svc.revision);
    const from = first.node_id === nodes.a.id ? nodes.a : nodes.b;
    const to = from === nodes.a ? nodes.b : nodes.a;
    expect((await w.admin.patch(`/admin/nodes/${from.id}`, { draining: true })).status).toBe(200);
    to.replicas.hold = true;
    await from.pass();
    await to.pass();
    // The replacement is starting on the other node; the drained one still serves.
    let replicas = live(await detail(svc.id), svc.revision);
    expect(replicas.map((r: any) => [r.node_id, r.state])).toEqual([
      [from.id, "ready"],
      [to.id, "starting"],
    ]);
    expect(from.replicas.ids()).toEqual([first.id]);
    to.replicas.release();
    await to.pass();
    await from.pass();
    replicas = live(await detail(svc.id), svc.revision);
    expect(replicas.map((r: any) => [r.node_id, r.state])).toEqual([[to.id, "ready"]]);
    expect(from.replicas.ids()).toEqual([]);
    expect(revisionOf(await detail(svc.id), svc.revision).current_state).toBe("ready");
    expect((await w.admin.patch(`/admin/nodes/${from.id}`, { draining: false })).status).toBe(200);
    await stopService(svc.id);
  });

  it("a revision no node has room for waits, saying which resource is short", async () => {
    const big = unique("big-");
    const res = await w.admin.post("/admin/resource-classes", { name: big, cpus: 16, memory_bytes: 8 * GiB });
    expect(res.status, res.text).toBe(201);
    const svc = await create("too-big", config(280, { resourceClass: big }));
    await passes(1);
    const rev = revisionOf(await detail(svc.id), svc.revision);
    expect(rev.current_state).toBe("pending");
    expect(rev.wait_reason).toMatch(
      new RegExp(`1 replica of class ${big} \\(16 CPUs, 8 GiB memory\\) waits`),
    );
    expect(rev.wait_reason).toMatch(/2 nodes short of CPUs/);
    expect(nodes.a.replicas.ids()).toEqual([]);
    expect(nodes.b.replicas.ids()).toEqual([]);
    // The replica limit of a node counts too: both full (4 each) leaves a fifth replica waiting.
    const many = await create("many", config(288, { replicas: 9 }));
    await passes(1);
    const s = await detail(many.id);
    expect(live(s, many.revision)).toHaveLength(8);
    expect(revisionOf(s, many.revision).current_state).toBe("ready");
    expect(nodes.a.replicas.ids()).toHaveLength(4);
    expect(nodes.b.replicas.ids()).toHaveLength(4);
    await stopService(many.id);
    await stopService(svc.id);
  });

  it("a full deploy keeps the old revision's replica serving until the new one has a ready replica", async () => {
    const svc = await create("rollover", config(296));
    await passes(1);
    const [old] = live(await detail(svc.id), svc.revision);
    expect(old.state).toBe("ready");
    nodes.a.replicas.hold = true;
    nodes.b.replicas.hold = true;
    const deployed = await owner.post(`/services/${svc.id}/revisions`, { config: config(304) });
    expect(deployed.status, deployed.text).toBe(201);
    const next = deployed.body.data.id as string;
    await passes(2);
    let s = await detail(svc.id);
    expect(live(s, next).map((r: any) => r.state)).toEqual(["starting"]);
    // No traffic any more, but its replica goes on serving: the new one is not ready.
    expect(live(s, svc.revision).map((r: any) => [r.id, r.state])).toEqual([[old.id, "ready"]]);
    expect(revisionOf(s, svc.revision).current_state).toBe("ready");
    expect([...nodes.a.replicas.ids(), ...nodes.b.replicas.ids()]).toContain(old.id);
    nodes.a.replicas.release();
    nodes.b.replicas.release();
    await passes(2);
    s = await detail(svc.id);
    expect(live(s, next).map((r: any) => r.state)).toEqual(["ready"]);
    expect(live(s, svc.revision)).toEqual([]);
    expect([...nodes.a.replicas.ids(), ...nodes.b.replicas.ids()]).not.toContain(old.id);
    expect(revisionOf(s, svc.revision).current_state).toBe("inactive");
    await stopService(svc.id);
  });

  it("a full deploy to an openai-compatible revision keeps the old replica serving until its upstream answers", async () => {
    // The new revision's upstream: down (503) until the test brings it up.
    let up = false;
    const upstream = createServer((_req, res) => {
      if (!up) return res.writeHead(503).end();
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ object: "list", data: [{ id: "external" }] }));
    });
    await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
    const check = () =>
      checkUpstreamRevisions({
        ctx: server.systemCtx,
        probe: probeOpenAiCompatible,
        maxFailures: 3,
        timeoutMs: 2000,
      });
    try {
      const svc = await create("rollover-upstream", config(312));
      await passes(1);
      const [old] = live(await detail(svc.id), svc.revision);
      expect(old.state).toBe("ready");
      const deployed = await owner.post(`/services/${svc.id}/revisions`, {
        config: {
          model: { model_id: tiny, tag: "latest" },
          runtime: {
            kind: "openai-compatible",
            base_url: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`,
          },
          resources: { resource_class: "cpu-2" },
        },
      });
      expect(deployed.status, deployed.text).toBe(201);
      const next = deployed.body.data.id as string;
      // The upstream does not answer: the new revision is starting, the old replica goes on serving.
      await check();
      await passes(2);
      let s = await detail(svc.id);
      expect(revisionOf(s, next).current_state).toBe("starting");
      expect(live(s, svc.revision).map((r: any) => [r.id, r.state])).toEqual([[old.id, "ready"]]);
      expect(revisionOf(s, svc.revision).current_state).toBe("ready");
      expect([...nodes.a.replicas.ids(), ...nodes.b.replicas.ids()]).toContain(old.id);
      // It answers: ready at the next check, and the next pass stops the old replica.
      up = true;
      await check();
      expect(revisionOf(await detail(svc.id), next).current_state).toBe("ready");
      await passes(2);
      s = await detail(svc.id);
      expect(live(s, svc.revision)).toEqual([]);
      expect([...nodes.a.replicas.ids(), ...nodes.b.replicas.ids()]).not.toContain(old.id);
      expect(revisionOf(s, svc.revision).current_state).toBe("inactive");
      await stopService(svc.id);
    } finally {
      upstream.close();
    }
  });

  it("an openai-compatible revision that fails ends the hold", async () => {
    const svc = await create("rollover-upstream-fails", config(320));
    await passes(1);
    const [old] = live(await detail(svc.id), svc.revision);
    expect(old.state).toBe("ready");
    const deployed = await owner.post(`/services/${svc.id}/revisions`, {
      config: {
        model: { model_id: tiny, tag: "latest" },
        // Nothing listens on port 9 (discard): every check fails.
        runtime: { kind: "openai-compatible", base_url: "http://127.0.0.1:9/v1" },
        resources: { resource_class: "cpu-2" },
      },
    });
    expect(deployed.status, deployed.text).toBe(201);
    const next = deployed.body.data.id as string;
    const check = () =>
      checkUpstreamRevisions({
        ctx: server.systemCtx,
        probe: probeOpenAiCompatible,
        maxFailures: 3,
        timeoutMs: 2000,
      });
    await check();
    await passes(1);
    expect(live(await detail(svc.id), svc.revision).map((r: any) => r.state)).toEqual(["ready"]);
    await check();
    await check();
    expect(revisionOf(await detail(svc.id), next).current_state).toBe("failed");
    await passes(2);
    const s = await detail(svc.id);
    expect(live(s, svc.revision)).toEqual([]);
    expect(revisionOf(s, svc.revision).current_state).toBe("inactive");
    await stopService(svc.id);
  });
});
