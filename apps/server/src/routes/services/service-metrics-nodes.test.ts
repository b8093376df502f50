import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { registerNode } from "@infera/core";
import { and, eq, inArray, like, tables } from "@infera/db";
import { createProcessUsageReader } from "@infera/executors/local";
import { type RunningWorker, servicesMetrics, servicesMetricsEveryMinute, startWorker } from "@infera/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, unique, type World } from "../../testing/world.js";
import { seedModel } from "../models/model-test-helpers.js";

const GiB = 1024 ** 3;

/**
 * `services.metrics` runs on every node (decision 0033): two worker nodes, each with its own worker
 * (the real loop, schedules and leases) and a ready replica on loopback. One tick of the schedule
 * scrapes both nodes' replicas, each by its own node's worker: with one global schedule, a slot went
 * to whichever worker leased it and only that node's replicas were scraped.
 */
describe("service metrics on every node", () => {
  let server: RunningServer;
  let w: World;
  let replicaServer: Server;
  const workers: RunningWorker[] = [];
  /** How many times a replica's /metrics was asked for. */
  let scrapes = 0;

  beforeAll(async () => {
    server = await startTestServer({ INFERA_WORKER_POLL_MS: "100" });
    w = await createWorld(server.url);
    // A stand-in replica's /metrics (infera-serve's series, enough for the parser).
    replicaServer = createServer((req, res) => {
      if (req.url !== "/metrics") return res.writeHead(404).end();
      scrapes++;
      res
        .writeHead(200, { "content-type": "text/plain" })
        .end(
          'infera_replica_requests_total{route="/v1/chat/completions",status="200"} 3\ninfera_replica_requests_in_flight 0\n',
        );
    });
    await new Promise<void>((r) => replicaServer.listen(0, "127.0.0.1", r));
  });
  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await server?.stop();
    replicaServer?.close();
  });

  it("scrapes each node's replicas on that node's own schedule, one item per node", async () => {
    const db = server.database.db;
    const owner = w.users.owner!.client;
    const { modelId } = await seedModel(owner, w.projectId);
    const created = await owner.post(`/projects/${w.projectId}/services`, {
      name: "per-node-metrics",
      exposure: "private",
      config: {
        model: { model_id: modelId },
        runtime: { kind: "openai-compatible", base_url: "http://127.0.0.1:9/v1" },
        resources: { resource_class: "cpu-2" },
      },
    });
    expect(created.status, created.text).toBe(201);
    const service = created.body.data;
    const port = (replicaServer.address() as AddressInfo).port;

    const nodes: Awaited<ReturnType<typeof registerNode>>[] = [];
    for (const name of ["a", "b"]) {
      const node = await registerNode({
        ctx: server.systemCtx,
        node: {
          name: unique(`metrics-${name}-`),
          roles: ["worker"],
          cpus: 4,
          memoryBytes: 8 * GiB,
          gpus: [],
          version: "test",
          maxReplicas: 4,
        },
      });
      nodes.push(node);
      const now = new Date();
      await db.insert(tables.serviceReplicas).values({
        id: unique(`rep_${name}`),
        revisionId: service.revisions[0].id,
        serviceId: service.id,
        tenantId: w.tenantId,
        nodeId: node.id,
        state: "ready",
        // Loopback of "its" node; the process is this test's, so /proc has something to read.
        port,
        pid: process.pid,
        createdAt: now,
        updatedAt: now,
      });
    }
    const replicaIds = (
      await db
        .select({ id: tables.serviceReplicas.id, nodeId: tables.serviceReplicas.nodeId })
        .from(tables.serviceReplicas)
        .where(eq(tables.serviceReplicas.serviceId, service.id))
    ).sort((x, y) => x.id.localeCompare(y.id));

    // A global row as an earlier version wrote it: the first per-node worker removes it.
    await server.systemCtx.queue.ensureSchedule({ ...servicesMetricsEveryMinute, perNode: false });

    // The schedule is due at each worker's start, then every hour here: one tick each.
    for (const node of nodes)
      workers.push(
        await startWorker({
          ctx: { ...server.systemCtx, requestId: `worker-${node.name}` },
          workerId: `test:${node.name}`,
          handlers: {
            "services.metrics": servicesMetrics({ node, usage: createProcessUsageReader(), timeoutMs: 5000 }),
          },
          schedules: [{ ...servicesMetricsEveryMinute, intervalSeconds: 3600 }],
          node,
          pollIntervalMs: 100,
        }),
      );

    const scraped = async () =>
      (
        await db
          .selectDistinct({ replicaId: tables.serviceMetricMinutes.replicaId })
          .from(tables.serviceMetricMinutes)
          .where(
            inArray(
              tables.serviceMetricMinutes.replicaId,
              replicaIds.map((r) => r.id),
            ),
          )
      ).map((r) => r.replicaId);
    for (let i = 0; i < 200 && (await scraped()).length < 2; i++) await sleep(50);
    expect((await scraped()).sort()).toEqual(replicaIds.map((r) => r.id));
    expect(scrapes).toBe(2);

    // One schedule row per node, none global; each item targeted at its node and run there.
    const schedules = await db
      .select({ name: tables.workSchedules.name, target: tables.workSchedules.targetNodeId })
      .from(tables.workSchedules)
      .where(like(tables.workSchedules.name, "services.metrics%"));
    expect(schedules.map((s) => s.name)).not.toContain("services.metrics");
    for (const node of nodes)
      expect(schedules).toContainEqual({ name: `services.metrics:${node.id}`, target: node.id });
    const metricItems = () =>
      db
        .select({ target: tables.workItems.targetNode, status: tables.workItems.status })
        .from(tables.workItems)
        .where(
          and(
            eq(tables.workItems.kind, "services.metrics"),
            inArray(
              tables.workItems.targetNode,
              nodes.map((n) => n.id),
            ),
          ),
        );
    let items = await metricItems();
    expect(items.map((i) => i.target).sort()).toEqual(nodes.map((n) => n.id).sort());
    for (let i = 0; i < 100 && items.some((x) => x.status !== "succeeded"); i++) {
      await sleep(50);
      items = await metricItems();
    }
    expect(items.map((i) => i.status)).toEqual(["succeeded", "succeeded"]);

    // A node removed takes its schedule with it: nothing is enqueued for a machine that is gone.
    await db.delete(tables.serviceReplicas).where(eq(tables.serviceReplicas.nodeId, nodes[0]!.id));
    await workers.shift()!.stop();
    await db.delete(tables.nodes).where(eq(tables.nodes.id, nodes[0]!.id));
    const left = await db
      .select({ name: tables.workSchedules.name })
      .from(tables.workSchedules)
      .where(like(tables.workSchedules.name, `services.metrics:${nodes[0]!.id}`));
    expect(left).toEqual([]);
  });
});
