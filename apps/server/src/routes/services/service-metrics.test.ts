import { pruneServiceMetrics } from "@infera/core";
import { eq, tables } from "@infera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_MODEL_DIR, type RunningServer } from "../../main.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";

const MINUTE = 60_000;
const hist = (bounds: number[], counts: number[], sum: number) => ({ bounds, counts, sum });
const empty = hist([0.1, 1], [0, 0, 0], 0);

/**
 * The metrics route over minute rows written here (the scrape itself is tested against a real
 * replica in service-metrics.test.ts): percentiles come from the replicas' histograms merged, CPU
 * adds up across replicas, windows pick their buckets, filters narrow, old rows are pruned.
 */
describe("GET /services/{serviceId}/metrics over minute rows", () => {
  let server: RunningServer;
  let w: World;
  let serviceId: string;
  let rev1: string;
  let rev2: string;
  // One clock reading for the whole suite: a minute boundary passing mid-test changes nothing.
  const start = Date.now();
  const minuteAgo = (n: number) => new Date(Math.floor((start - n * MINUTE) / MINUTE) * MINUTE);

  beforeAll(async () => {
    server = await startTestServer({}, { systemModelDir: BUNDLED_MODEL_DIR });
    w = await createWorld(server.url);
    const owner = w.users.owner!.client;
    const models = await owner.get(`/projects/${w.projectId}/models?scope=system`);
    const tiny = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
    const config = (contextSize: number) => ({
      model: { model_id: tiny, tag: "latest" },
      runtime: { kind: "llama.cpp", context_size: contextSize, threads: 1 },
      resources: { resource_class: "cpu-2" },
    });
    const created = await owner.post(`/projects/${w.projectId}/services`, {
      name: "metrics-rows",
      exposure: "private",
      config: config(256),
    });
    expect(created.status, created.text).toBe(201);
    serviceId = created.body.data.id;
    rev1 = created.body.data.revisions[0].id;
    const deployed = await owner.post(`/services/${serviceId}/revisions`, {
      config: config(320),
      strategy: "none",
    });
    rev2 = deployed.body.data.id;

    const db = server.systemCtx.db;
    const [node] = await db.select().from(tables.nodes);
    const now = new Date();
    const replica = (id: string, revisionId: string) => ({
      id,
      revisionId,
      serviceId,
      tenantId: w.tenantId,
      nodeId: node!.id,
      state: "stopped" as const,
      createdAt: now,
      updatedAt: now,
    });
    await db
      .insert(tables.serviceReplicas)
      .values([replica("rep_a", rev1), replica("rep_b", rev1), replica("rep_c", rev2)]);
    const row = (
      replicaId: string,
      revisionId: string,
      minute: Date,
      over: Record<string, unknown> = {},
    ) => ({
      replicaId,
      minute,
      tenantId: w.tenantId,
      serviceId,
      revisionId,
      nodeId: node!.id,
      histograms: { duration: empty, ttft: empty, tpot: empty },
      snapshot: {},
      updatedAt: now,
      ...over,
    });
    await db.insert(tables.serviceMetricMinutes).values([
      // Replica a answered 10 requests under 100 ms, b 10 between 100 ms and 1 s; one 5xx.
      row("rep_a", rev1, minuteAgo(2), {
        requests: 10,
        promptTokens: 600,
        generatedTokens: 1200,
        histograms: { duration: hist([0.1, 1], [10, 10, 10], 0.5), ttft: empty, tpot: empty },
        cpuSeconds: 30,
        wallSeconds: 60,
        memoryBytes: 100,
        inFlight: 1,
        coldStarts: 1,
        coldStartSeconds: 4,
      }),
      row("rep_b", rev1, minuteAgo(2), {
        requests: 10,
        errors: 1,
        histograms: { duration: hist([0.1, 1], [0, 10, 10], 5), ttft: empty, tpot: empty },
        cpuSeconds: 60,
        wallSeconds: 60,
        memoryBytes: 200,
        inFlight: 2,
      }),
      row("rep_c", rev2, minuteAgo(3), { requests: 5 }),
      // Six days old: in the 7-day window only. Eight days old: past the retention.
      row("rep_a", rev1, minuteAgo(6 * 1440), { requests: 7 }),
      row("rep_a", rev1, minuteAgo(8 * 1440), { requests: 100 }),
    ]);
  });
  afterAll(async () => server?.stop());

  const get = async (query: string) => {
    const res = await w.users.viewer!.client.get(`/services/${serviceId}/metrics?${query}`);
    expect(res.status, res.text).toBe(200);
    return res.body.data;
  };
  const requestsOf = (data: any) =>
    data.series.reduce(
      (n: number, s: any) => n + s.points.reduce((m: number, p: any) => m + p.requests, 0),
      0,
    );

  it("merges the replicas' histograms for percentiles and adds their CPU, per revision", async () => {
    const data = await get("window=1h");
    expect(data).toMatchObject({ window: "1h", bucket_seconds: 60 });
    expect(data.series.map((s: any) => [s.revision_number, s.revision_id])).toEqual([
      [2, rev2],
      [1, rev1],
    ]);
    const [p] = data.series[1].points;
    expect(p).toMatchObject({
      time: minuteAgo(2).toISOString(),
      requests: 20,
      errors: 1,
      success_rate: 0.95,
      latency_p50_ms: 100,
      // Of all 20 requests, not the mean of each replica's p95 (525 ms).
      latency_p95_ms: 910,
      ttft_p50_ms: null,
      prompt_tokens_per_second: 10,
      generated_tokens_per_second: 20,
      in_flight: 3,
      cold_starts: 1,
      cold_start_ms: 4000,
      cpu_percent: 150,
      memory_bytes: 300,
      gpu_memory_bytes: null,
      replicas: 2,
    });
    expect(p.qps).toBeCloseTo(20 / 60, 3);
  });

  it("picks the bucket by window, narrows by revision and replica, and refuses foreign ids", async () => {
    expect(requestsOf(await get("window=1h"))).toBe(25);
    const week = await get("window=7d");
    expect(week.bucket_seconds).toBe(3600);
    expect(requestsOf(week)).toBe(32);
    expect(requestsOf(await get("window=24h"))).toBe(25);
    expect((await get("window=6h")).bucket_seconds).toBe(300);
    expect(requestsOf(await get(`window=1h&revision=${rev2}`))).toBe(5);
    expect(requestsOf(await get(`window=1h&revision=${rev1},${rev2}`))).toBe(25);
    expect(requestsOf(await get("window=1h&replica=rep_b"))).toBe(10);
    const viewer = w.users.viewer!.client;
    expect((await viewer.get(`/services/${serviceId}/metrics?replica=rep_zzz`)).status).toBe(404);
    expect((await viewer.get(`/services/${serviceId}/metrics?revision=${rev1},rev_nope`)).status).toBe(404);
    const other = await createWorld(server.url);
    expect((await other.users.owner!.client.get(`/services/${serviceId}/metrics`)).status).toBe(404);
  });

  it("exports the points as CSV", async () => {
    const res = await w.users.viewer!.client.get(`/services/${serviceId}/metrics?window=1h&format=csv`);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const [header, ...lines] = res.text.trim().split("\r\n");
    expect(header!.split(",").slice(0, 4)).toEqual(["revision_id", "revision_number", "time", "requests"]);
    expect(lines).toHaveLength(2);
    expect(lines.find((l: string) => l.startsWith(rev1))).toContain(",20,");
  });

  it("prunes rows past the retention and keeps the rest", async () => {
    expect(await pruneServiceMetrics({ ctx: server.systemCtx, days: 7 })).toBe(1);
    const m = tables.serviceMetricMinutes;
    const left = await server.systemCtx.db.select().from(m).where(eq(m.serviceId, serviceId));
    expect(left.map((r) => r.requests).sort((a, b) => a - b)).toEqual([5, 7, 10, 10]);
    expect(await pruneServiceMetrics({ ctx: server.systemCtx, days: 7 })).toBe(0);
  });
});
