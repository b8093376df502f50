import type { UsageRecord } from "@infera/contracts";
import { newId, storeUsageRecords } from "@infera/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_MODEL_DIR, type RunningServer } from "../../main.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";

const MINUTE = 60_000;

/**
 * The gateway's view of a service (its calls' usage rollups), over records stored as the meter's
 * shipper stores them: per revision and bucket, 4xx/5xx apart, p50/p95 from the summed latency
 * histograms (hand-computed below from the contracts' bucket bounds), tokens a minute; windows,
 * the revision filter, another service's calls left out, an empty answer without calls.
 */
describe("GET /services/{serviceId}/gateway-metrics", () => {
  let server: RunningServer;
  let w: World;
  let serviceId: string;
  let otherServiceId: string;
  let otherRevision: string;
  let rev1: string;
  let rev2: string;
  let tiny: string;
  const start = Date.now();
  const minuteAgo = (n: number) => new Date(Math.floor((start - n * MINUTE) / MINUTE) * MINUTE + 5_000);

  beforeAll(async () => {
    server = await startTestServer({}, { apiOnly: true, systemModelDir: BUNDLED_MODEL_DIR });
    w = await createWorld(server.url);
    const owner = w.users.owner!.client;
    const models = await owner.get(`/projects/${w.projectId}/models?scope=system`);
    tiny = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
    const config = (contextSize: number) => ({
      model: { model_id: tiny, tag: "latest" },
      runtime: { kind: "llama.cpp", context_size: contextSize, threads: 1 },
      resources: { resource_class: "cpu-2" },
    });
    const created = await owner.post(`/projects/${w.projectId}/services`, {
      name: "gw-metrics",
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
    expect(deployed.status, deployed.text).toBe(201);
    rev2 = deployed.body.data.id;
    const other = await owner.post(`/projects/${w.projectId}/services`, {
      name: "gw-metrics-other",
      exposure: "private",
      config: config(256),
    });
    otherServiceId = other.body.data.id;
    otherRevision = other.body.data.revisions[0].id;

    const record = (
      at: Date,
      svc: string,
      revisionId: string,
      status: number,
      latency: number,
      tokens: [number, number],
    ): UsageRecord => ({
      id: newId("usageRecord"),
      at: at.toISOString(),
      tenant_id: w.tenantId,
      project_id: w.projectId,
      api_key_id: null,
      service_id: svc,
      revision_id: revisionId,
      model_version_id: null,
      endpoint: "chat/completions",
      status_code: status,
      prompt_tokens: tokens[0],
      completion_tokens: tokens[1],
      latency_ms: latency,
      ttft_ms: null,
      tpot_ms: null,
      cost_estimate: null,
      streamed: false,
    });
    const batch: UsageRecord[] = [
      // Revision 1, two minutes ago: three answers in the 50–100 ms bucket, a 429 at 30 ms, a 503 at 300 ms.
      record(minuteAgo(2), serviceId, rev1, 200, 60, [10, 5]),
      record(minuteAgo(2), serviceId, rev1, 200, 70, [10, 5]),
      record(minuteAgo(2), serviceId, rev1, 200, 80, [10, 5]),
      record(minuteAgo(2), serviceId, rev1, 429, 30, [0, 0]),
      record(minuteAgo(2), serviceId, rev1, 503, 300, [0, 0]),
      // Revision 2, a minute ago: two answers under 10 ms.
      record(minuteAgo(1), serviceId, rev2, 200, 8, [3, 2]),
      record(minuteAgo(1), serviceId, rev2, 200, 9, [3, 2]),
      // Two hours ago: outside 1h, inside 6h.
      record(minuteAgo(120), serviceId, rev1, 200, 60, [1, 1]),
      // Another service of the project: never in this one's figures.
      record(minuteAgo(2), otherServiceId, otherRevision, 200, 5, [100, 100]),
    ];
    await storeUsageRecords({ ctx: server.systemCtx, batch });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("1h: one series per revision, newest first, 4xx/5xx apart, p50/p95 from the histograms, tokens a minute", async () => {
    const res = await w.users.viewer!.client.get(`/services/${serviceId}/gateway-metrics?window=1h`);
    expect(res.status, res.text).toBe(200);
    const m = res.body.data;
    expect(m).toMatchObject({ window: "1h", bucket_seconds: 60 });
    expect(m.series.map((s: any) => [s.revision_id, s.revision_number])).toEqual([
      [rev2, 2],
      [rev1, 1],
    ]);
    const [second, first] = m.series;
    expect(first.points).toEqual([
      {
        time: new Date(Math.floor((start - 2 * MINUTE) / MINUTE) * MINUTE).toISOString(),
        requests: 5,
        requests_per_minute: 5,
        errors_4xx: 1,
        errors_5xx: 1,
        error_rate_4xx: 0.2,
        error_rate_5xx: 0.2,
        // Rank 2.5 of 5: the 50–100 bucket holds ranks 2–4 → 50 + 1.5/3 × 50.
        latency_p50_ms: 75,
        // Rank 4.75: the 250–500 bucket, capped at the slowest call.
        latency_p95_ms: 300,
        prompt_tokens: 30,
        completion_tokens: 15,
        tokens_per_minute: 45,
      },
    ]);
    expect(second.points).toHaveLength(1);
    expect(second.points[0]).toMatchObject({
      requests: 2,
      errors_4xx: 0,
      errors_5xx: 0,
      error_rate_4xx: 0,
      latency_p50_ms: 5,
      latency_p95_ms: 9,
      tokens_per_minute: 10,
    });
  });

  it("6h: five-minute buckets reach the older call; the revision filter narrows; rates per minute of the bucket", async () => {
    const res = await w.users.viewer!.client.get(
      `/services/${serviceId}/gateway-metrics?window=6h&revision=${rev1}`,
    );
    expect(res.status, res.text).toBe(200);
    const m = res.body.data;
    expect(m.bucket_seconds).toBe(300);
    expect(m.series.map((s: any) => s.revision_id)).toEqual([rev1]);
    const points = m.series[0].points;
    expect(points.reduce((n: number, p: any) => n + p.requests, 0)).toBe(6);
    expect(points[0]).toMatchObject({ requests: 1, requests_per_minute: 0.2, tokens_per_minute: 0.4 });
    for (const p of points) expect(new Date(p.time).getTime() % (300 * 1000)).toBe(0);
  });

  it("another service's calls are its own; a service without calls answers no series; another service's revision 404; a bad window 400", async () => {
    const owner = w.users.owner!.client;
    const quiet = await owner.get(
      `/services/${otherServiceId}/gateway-metrics?window=1h&revision=${otherRevision}`,
    );
    expect(quiet.status).toBe(200);
    expect(quiet.body.data.series.map((s: any) => s.points[0].requests)).toEqual([1]);
    const none = await owner.get(
      `/services/${serviceId}/gateway-metrics?window=24h&revision=${otherRevision}`,
    );
    expect(none.status).toBe(404);
    const bad = await owner.get(`/services/${serviceId}/gateway-metrics?window=2h`);
    expect(bad.status).toBe(400);
    const fresh = await owner.post(`/projects/${w.projectId}/services`, {
      name: "gw-metrics-quiet",
      exposure: "private",
      config: {
        model: { model_id: tiny, tag: "latest" },
        runtime: { kind: "llama.cpp", context_size: 256, threads: 1 },
        resources: { resource_class: "cpu-2" },
      },
    });
    expect(fresh.status, fresh.text).toBe(201);
    const empty = await owner.get(`/services/${fresh.body.data.id}/gateway-metrics?window=7d`);
    expect(empty.status).toBe(200);
    expect(empty.body.data).toMatchObject({ window: "7d", bucket_seconds: 3600, series: [] });
  });
});
