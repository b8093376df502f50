import { registerNode, scheduleFineTuneJobs, transitionJob, withTransaction } from "@infera/core";
import { and, eq, sql, tables } from "@infera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import type { HttpClient } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, unique, type World } from "../../testing/world.js";
import { type JobInputs, seedJob, seedJobInputs } from "../fine-tuning/fine-tuning-test-helpers.js";

const GiB = 1024 ** 3;

/**
 * Nodes register themselves and the scheduler places jobs on their free capacity. Here the
 * server's own node is drained and made-up nodes (registered as their workers would) take the
 * jobs: no worker serves them, so placed jobs stay where they were placed for the assertions.
 */
describe("nodes: registration, placement on free capacity, draining, offline nodes", () => {
  let server: RunningServer;
  let w: World;
  let platform: HttpClient;
  let owner: HttpClient;
  let inputs: JobInputs;
  let cpu4: string;
  let huge: string;
  let homeId: string;
  const nodeIds: Record<string, string> = {};

  const pass = () => scheduleFineTuneJobs({ ctx: server.systemCtx });
  const job = async (id: string) => (await owner.get(`/fine-tuning/jobs/${id}`)).body.data;
  const submit = async (resourceClass: string) =>
    (await seedJob(owner, w.projectId, inputs, { resource_class: resourceClass })).id;
  const register = async (name: string, cpus: number, memoryBytes: number) => {
    const node = await registerNode({
      ctx: server.systemCtx,
      node: { name, roles: ["worker"], cpus, memoryBytes, gpus: [], version: "test" },
    });
    nodeIds[name] = node.id;
    return node.id;
  };
  const nodes = async () => {
    const res = await platform.get("/admin/nodes");
    expect(res.status, res.text).toBe(200);
    return res.body.data as any[];
  };
  const nodeNamed = async (name: string) => (await nodes()).find((n) => n.name === name);

  beforeAll(async () => {
    server = await startTestServer({
      INFERA_NODE_NAME: "home",
      INFERA_FINETUNE_MAX_CONCURRENT: "50",
      INFERA_FINETUNE_MAX_PER_USER: "0",
      // Made-up nodes stay online through the suite unless a test ages them on purpose.
      INFERA_NODE_OFFLINE_SECONDS: "3600",
    });
    w = await createWorld(server.url);
    platform = w.admin;
    owner = w.users.owner!.client;
    inputs = await seedJobInputs(owner, w.projectId);
    cpu4 = unique("cpu4-");
    huge = unique("huge-");
    for (const [name, cpus, memory] of [
      [cpu4, 4, 8 * GiB],
      [huge, 512, GiB],
    ] as const) {
      const res = await platform.post("/admin/resource-classes", { name, cpus, memory_bytes: memory });
      expect(res.status, res.text).toBe(201);
    }
  });
  afterAll(async () => server?.stop());

  it("a worker registers its node at start, once per name, online while seen; only platform admins see nodes", {
    timeout: 60_000,
  }, async () => {
    const home = await nodeNamed("home");
    expect(home).toMatchObject({
      status: "online",
      draining: false,
      roles: ["api", "gateway", "worker"],
      cpus: 64,
      memory_bytes: 256 * GiB,
      gpus: [],
      running_jobs: 0,
      free: { cpus: 64, memory_bytes: 256 * GiB, gpu_indices: [] },
    });
    homeId = home.id;
    // The same name again (a restarted process, even after kill -9) is the same node.
    const before = await server.database.db.select().from(tables.nodes).where(eq(tables.nodes.id, homeId));
    const again = await registerNode({
      ctx: server.systemCtx,
      node: {
        name: "home",
        roles: ["api", "worker"],
        cpus: 64,
        memoryBytes: 256 * GiB,
        gpus: [],
        version: "test",
      },
    });
    expect(again.id).toBe(homeId);
    const after = await server.database.db.select().from(tables.nodes).where(eq(tables.nodes.id, homeId));
    expect(+after[0]!.startedAt).toBeGreaterThanOrEqual(+before[0]!.startedAt);
    expect((await nodes()).filter((n) => n.name === "home")).toHaveLength(1);

    // Not seen within the grace: offline.
    const ghost = await register(unique("ghost-"), 4, 8 * GiB);
    await server.database.db
      .update(tables.nodes)
      .set({ lastSeenAt: sql`now() - interval '2 hours'` })
      .where(eq(tables.nodes.id, ghost));
    expect((await nodes()).find((n) => n.id === ghost).status).toBe("offline");

    // A live node's worker keeps it online: aged by hand, it is seen again within its heartbeat (5 s).
    await server.database.db
      .update(tables.nodes)
      .set({ lastSeenAt: sql`now() - interval '2 hours'` })
      .where(eq(tables.nodes.id, homeId));
    expect((await nodeNamed("home")).status).toBe("offline");
    for (const end = Date.now() + 15_000; (await nodeNamed("home")).status !== "online"; ) {
      if (Date.now() > end) throw new Error("the worker did not refresh its node");
      await new Promise((r) => setTimeout(r, 200));
    }

    for (const who of [w.users.tenantAdmin!.client, owner]) {
      expect((await who.get("/admin/nodes")).status).toBe(403);
      expect((await who.patch(`/admin/nodes/${homeId}`, { draining: true })).status).toBe(403);
    }
    expect((await platform.patch(`/admin/nodes/${homeId}`, { draining: "yes" })).status).toBe(400);
    expect(
      (await platform.patch("/admin/nodes/node_01h00000000000000000000000", { draining: true })).status,
    ).toBe(404);
    // Drained (audited): the made-up nodes below take every job.
    const drained = await platform.patch(`/admin/nodes/${homeId}`, { draining: true });
    expect(drained.status, drained.text).toBe(200);
    expect(drained.body.data).toMatchObject({ id: homeId, draining: true });
    const [event] = await server.database.db
      .select()
      .from(tables.auditEvents)
      .where(and(eq(tables.auditEvents.action, "node.update"), eq(tables.auditEvents.resourceId, homeId)));
    expect(event).toMatchObject({ resourceType: "node" });
  });

  it("places jobs by each node's free CPUs and memory; a class bigger than every node waits no_node_fits; an ended job frees its share", async () => {
    await register(unique("small-"), 2, 4 * GiB);
    const big = await register(unique("big-"), 8, 16 * GiB);
    // Many CPUs, little memory: no room for a job of 8 GiB.
    await register(unique("wide-"), 32, 4 * GiB);
    const [j1, j2, j3] = [await submit(cpu4), await submit(cpu4), await submit(cpu4)];
    await pass();
    expect(await job(j1)).toMatchObject({ status: "starting", node_id: big, wait_reason: null });
    expect(await job(j2)).toMatchObject({ status: "starting", node_id: big });
    expect(await job(j3)).toMatchObject({ status: "queued", node_id: null, wait_reason: "no_capacity" });
    // Its run item is for the big node's worker only.
    const items = await server.database.db
      .select()
      .from(tables.workItems)
      .where(
        and(eq(tables.workItems.kind, "fine_tuning.job.run"), eq(tables.workItems.idempotencyKey, `${j1}:1`)),
      );
    expect(items.map((i) => i.targetNode)).toEqual([big]);
    // The list shows the reason too.
    const listed = (await owner.get(`/projects/${w.projectId}/fine-tuning/jobs?status=queued`)).body.data;
    expect(listed.find((j: { id: string }) => j.id === j3).wait_reason).toBe("no_capacity");

    // A small job goes where it fits tightest: the 2-CPU node, not the wide one.
    const j4 = await submit("cpu-2");
    const tooBig = await submit(huge);
    await pass();
    const small = Object.entries(nodeIds).find(([n]) => n.startsWith("small-"))![1];
    expect(await job(j4)).toMatchObject({ status: "starting", node_id: small });
    expect(await job(tooBig)).toMatchObject({ status: "queued", wait_reason: "no_node_fits" });
    expect(await nodeNamed(Object.keys(nodeIds).find((n) => n.startsWith("big-"))!)).toMatchObject({
      running_jobs: 2,
      free: { cpus: 0, memory_bytes: 0 },
    });

    // The first job ends: its share of the big node goes to the job that waited.
    expect((await owner.post(`/fine-tuning/jobs/${j1}/cancel`)).status).toBe(200);
    await pass();
    expect(await job(j3)).toMatchObject({ status: "starting", node_id: big, wait_reason: null });
    for (const id of [j4, tooBig]) await owner.post(`/fine-tuning/jobs/${id}/cancel`);
  });

  it("a draining node gets no new jobs; back in service it does", async () => {
    const bigName = Object.keys(nodeIds).find((n) => n.startsWith("big-"))!;
    const big = nodeIds[bigName]!;
    const onBig = (await server.database.db
      .select({ id: tables.fineTuneJobs.id })
      .from(tables.fineTuneJobs)
      .where(and(eq(tables.fineTuneJobs.nodeId, big), eq(tables.fineTuneJobs.status, "starting")))) as {
      id: string;
    }[];
    expect(onBig).toHaveLength(2);
    expect((await platform.patch(`/admin/nodes/${big}`, { draining: true })).status).toBe(200);
    // Room for one more on the big node, but it is draining: the job waits, its jobs stay.
    await owner.post(`/fine-tuning/jobs/${onBig[0]!.id}/cancel`);
    const next = await submit(cpu4);
    await pass();
    expect(await job(next)).toMatchObject({ status: "queued", wait_reason: "no_capacity" });
    expect((await job(onBig[1]!.id)).status).toBe("starting");
    expect((await platform.patch(`/admin/nodes/${big}`, { draining: false })).status).toBe(200);
    await pass();
    expect(await job(next)).toMatchObject({ status: "starting", node_id: big });
  });

  it("an offline node's jobs go back to the queue with their next attempt and are placed on another node", async () => {
    const bigName = Object.keys(nodeIds).find((n) => n.startsWith("big-"))!;
    const big = nodeIds[bigName]!;
    const onBig = await server.database.db
      .select()
      .from(tables.fineTuneJobs)
      .where(and(eq(tables.fineTuneJobs.nodeId, big), eq(tables.fineTuneJobs.status, "starting")));
    expect(onBig).toHaveLength(2);
    // One of them was training when the node went away.
    await withTransaction(server.systemCtx, (tx) =>
      transitionJob(tx, onBig[0]!, "running", `training on ${bigName}`),
    );
    await server.database.db
      .update(tables.nodes)
      .set({ lastSeenAt: sql`now() - interval '2 hours'` })
      .where(eq(tables.nodes.id, big));
    const spare = await register(unique("spare-"), 8, 16 * GiB);
    const result = await pass();
    expect(result.requeued).toBe(2);
    for (const { id } of onBig) {
      const moved = await job(id);
      expect(moved).toMatchObject({ status: "starting", node_id: spare, attempt: 2 });
      const reasons = moved.transitions.map((t: { to: string; reason: string }) => `${t.to}:${t.reason}`);
      expect(reasons).toContain(
        `queued:node lost: node ${bigName} went offline during attempt 1; it resumes from its last checkpoint`,
      );
    }
    // The dead node's run items end; the new attempts' items are for the spare node.
    const items = await server.database.db
      .select()
      .from(tables.workItems)
      .where(eq(tables.workItems.kind, "fine_tuning.job.run"));
    for (const { id } of onBig) {
      expect(items.find((i) => i.idempotencyKey === `${id}:1`)).toMatchObject({
        status: "dead",
        targetNode: big,
      });
      expect(items.find((i) => i.idempotencyKey === `${id}:2`)).toMatchObject({
        status: "queued",
        targetNode: spare,
      });
    }
    expect(await nodeNamed(bigName)).toMatchObject({ status: "offline", running_jobs: 0 });
    for (const { id } of onBig) await owner.post(`/fine-tuning/jobs/${id}/cancel`);
  });

  it("with no node registered, a queued job waits no_capacity", async () => {
    await server.database.db.update(tables.nodes).set({ roles: ["api"] });
    const id = await submit(huge);
    await pass();
    expect(await job(id)).toMatchObject({ status: "queued", wait_reason: "no_capacity" });
    await owner.post(`/fine-tuning/jobs/${id}/cancel`);
  });
});
