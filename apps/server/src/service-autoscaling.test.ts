import {
  autoscaleRevisions,
  beginServiceReplica,
  databaseServiceLoad,
  endServiceReplica,
  markReplicaReady,
  newId,
  planReplicaPass,
  type ServiceContext,
} from "@infera/core";
import { eq, tables } from "@infera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_MODEL_DIR, type RunningServer } from "./main.js";
import type { HttpClient } from "./testing/http.js";
import { startTestServer } from "./testing/test-server.js";
import { createWorld, type World } from "./testing/world.js";

/**
 * The autoscaler without processes: the `ServiceLoad` port over the database driven as the gateway
 * will (reports from two gateway processes, stale samples, demand), and the autoscaler's step of a
 * pass (`autoscaleRevisions`) on a clock the test moves, read back through `planReplicaPass`. The
 * replica manager is off (INFERA_MAX_REPLICAS 0), so no pass runs behind the test's back; the test
 * records replica rows itself where a revision needs one ready.
 */
describe("autoscaler over the ServiceLoad port", () => {
  let server: RunningServer;
  let w: World;
  let owner: HttpClient;
  let tiny: string;
  let clock = new Date("2026-03-01T10:00:00.000Z");
  let ctx: ServiceContext;
  const tick = (seconds: number) => {
    clock = new Date(clock.getTime() + seconds * 1000);
  };

  beforeAll(async () => {
    server = await startTestServer({}, { systemModelDir: BUNDLED_MODEL_DIR });
    w = await createWorld(server.url!);
    owner = w.users.owner!.client;
    const models = await owner.get(`/projects/${w.projectId}/models?scope=system`);
    tiny = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
    ctx = { ...server.systemCtx, now: () => clock };
  });
  afterAll(() => server?.stop());

  const create = async (name: string, autoscaling: object) => {
    const res = await owner.post(`/projects/${w.projectId}/services`, {
      name,
      exposure: "private",
      config: {
        model: { model_id: tiny, tag: "latest" },
        runtime: { kind: "llama.cpp", context_size: 256, threads: 1 },
        resources: { resource_class: "cpu-2" },
        autoscaling,
      },
    });
    expect(res.status, res.text).toBe(201);
    return { serviceId: res.body.data.id as string, revisionId: res.body.data.revisions[0].id as string };
  };
  /** A replica row of the revision on this server's node, ready (no process: the manager is off). */
  const readyReplica = async (revisionId: string) => {
    const [node] = await ctx.db.select({ id: tables.nodes.id }).from(tables.nodes).limit(1);
    // Placed as the placement pass would (a pending row on the node), then started and ready.
    const [revision] = await ctx.db
      .select()
      .from(tables.serviceRevisions)
      .where(eq(tables.serviceRevisions.id, revisionId));
    const now = ctx.now();
    const replicaId = newId("serviceReplica");
    await ctx.db.insert(tables.serviceReplicas).values({
      id: replicaId,
      revisionId,
      serviceId: revision!.serviceId,
      tenantId: revision!.tenantId,
      nodeId: node!.id,
      state: "pending",
      createdAt: now,
      updatedAt: now,
    });
    await beginServiceReplica({ ctx, replicaId });
    await markReplicaReady({ ctx, replicaId, port: 1 });
    return replicaId;
  };
  const desiredOf = async (revisionId: string) =>
    (await planReplicaPass({ ctx, nodeId: "no-node" })).targets.find((t) => t.revisionId === revisionId)!
      .desired;
  const eventsOf = async (serviceId: string) =>
    (await owner.get(`/services/${serviceId}/events`)).body.data
      .filter((e: any) => ["scaled_up", "scaled_down", "scaled_to_zero", "cold_start"].includes(e.type))
      .map((e: any) => ({ type: e.type, ...e.data }))
      .reverse();

  it("scales up at once on the summed load of every gateway, down only after the delay, to zero without load", async () => {
    const { serviceId, revisionId } = await create("scaled", {
      target: 2,
      min_replicas: 0,
      max_replicas: 3,
      scale_to_zero: true,
      scale_down_delay_seconds: 60,
    });
    const load = databaseServiceLoad(ctx);
    await readyReplica(revisionId);
    // Before the autoscaler has seen it, a revision wants its min replicas, at least one.
    expect(await desiredOf(revisionId)).toBe(1);
    await autoscaleRevisions({ ctx });
    expect(await desiredOf(revisionId)).toBe(1);

    await load.report({ revisionId, source: "gateway-a", inFlight: 3, requestsPerSecond: 1 });
    await load.report({ revisionId, source: "gateway-b", inFlight: 1, requestsPerSecond: 0.5 });
    expect(await load.current(revisionId)).toEqual({ inFlight: 4, requestsPerSecond: 1.5 });
    await autoscaleRevisions({ ctx });
    expect(await desiredOf(revisionId)).toBe(2);
    // A source's new report replaces its own: 3 + 9 in flight wants 6, clamped to 3.
    await load.report({ revisionId, source: "gateway-b", inFlight: 9, requestsPerSecond: 4 });
    await autoscaleRevisions({ ctx });
    expect(await desiredOf(revisionId)).toBe(3);

    // Load gone: nothing moves until the delay is over, then straight to zero.
    await load.report({ revisionId, source: "gateway-a", inFlight: 0, requestsPerSecond: 0 });
    await load.report({ revisionId, source: "gateway-b", inFlight: 0, requestsPerSecond: 0 });
    await autoscaleRevisions({ ctx });
    tick(59);
    await autoscaleRevisions({ ctx });
    expect(await desiredOf(revisionId)).toBe(3);
    tick(1);
    await autoscaleRevisions({ ctx });
    expect(await desiredOf(revisionId)).toBe(0);
    expect(await eventsOf(serviceId)).toEqual([
      expect.objectContaining({ type: "scaled_up", from: 1, to: 2, in_flight: 4 }),
      expect.objectContaining({ type: "scaled_up", from: 2, to: 3, in_flight: 12 }),
      expect.objectContaining({ type: "scaled_to_zero", from: 3, to: 0 }),
    ]);
  });

  it("counts a gateway that stopped reporting as no load", async () => {
    const { revisionId } = await create("stale", { min_replicas: 1, max_replicas: 2 });
    const load = databaseServiceLoad(ctx);
    await load.report({ revisionId, source: "gateway-a", inFlight: 5, requestsPerSecond: 2 });
    expect((await load.current(revisionId)).inFlight).toBe(5);
    tick(31);
    expect(await load.current(revisionId)).toEqual({ inFlight: 0, requestsPerSecond: 0 });
  });

  it("a demand wakes a revision scaled to zero at once, asks for a pass, and keeps it up until served", async () => {
    const { revisionId } = await create("woken", {
      min_replicas: 0,
      max_replicas: 2,
      scale_to_zero: true,
      scale_down_delay_seconds: 10,
    });
    const load = databaseServiceLoad(ctx);
    const replicaId = await readyReplica(revisionId);
    await autoscaleRevisions({ ctx });
    tick(1);
    await autoscaleRevisions({ ctx });
    tick(10);
    await autoscaleRevisions({ ctx });
    expect(await desiredOf(revisionId)).toBe(0);
    // A replica that is ready answers the request itself: no cold start.
    expect(await load.demand(revisionId)).toEqual({ coldStart: false });
    await endServiceReplica({ ctx, replicaId, state: "stopped" });
    tick(10);
    await autoscaleRevisions({ ctx });
    expect(await desiredOf(revisionId)).toBe(0);

    const w = tables.workItems;
    await ctx.db.delete(w).where(eq(w.kind, "services.reconcile"));
    expect(await load.demand(revisionId)).toEqual({ coldStart: true });
    expect(await desiredOf(revisionId)).toBe(1);
    // Asked for (this server's worker may have run it already: its manager is off).
    const asked = await ctx.db.select().from(w).where(eq(w.kind, "services.reconcile"));
    expect(asked).toHaveLength(1);
    // The cold start is already open: a second request does not start another.
    expect(await load.demand(revisionId)).toEqual({ coldStart: false });

    // No replica is ready yet: long after the demand's delay, the waiting request keeps one wanted.
    tick(600);
    await autoscaleRevisions({ ctx });
    expect(await desiredOf(revisionId)).toBe(1);
    await expect(load.demand("srev_unknown")).rejects.toMatchObject({ code: "not_found" });
  });

  it("forgets a revision that stops wanting replicas, so a restart begins afresh", async () => {
    const { serviceId, revisionId } = await create("forgotten", {
      min_replicas: 1,
      max_replicas: 4,
      target: 1,
    });
    const load = databaseServiceLoad(ctx);
    await load.report({ revisionId, source: "gateway-a", inFlight: 4, requestsPerSecond: 0 });
    await autoscaleRevisions({ ctx });
    expect(await desiredOf(revisionId)).toBe(4);
    expect((await owner.post(`/services/${serviceId}/stop`, {})).status).toBe(200);
    await autoscaleRevisions({ ctx });
    const a = tables.serviceAutoscaling;
    expect(await ctx.db.select().from(a).where(eq(a.revisionId, revisionId))).toEqual([]);
    await load.report({ revisionId, source: "gateway-a", inFlight: 0, requestsPerSecond: 0 });
    expect((await owner.post(`/services/${serviceId}/start`, {})).status).toBe(200);
    expect(await desiredOf(revisionId)).toBe(1);
  });
});
