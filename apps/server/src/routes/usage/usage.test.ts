import {
  USAGE_LATENCY_BUCKETS_MS,
  type UsageRecord,
  type UsageReport,
  usageLatencyBucket,
  usageLatencyPercentile,
} from "@infera/contracts";
import { storeUsageRecords } from "@infera/core";
import { usageRecordNo } from "@infera/gateway/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";
import { seedModel } from "../models/model-test-helpers.js";

const T0 = Date.UTC(2026, 2, 2); // a Monday, 00:00 UTC
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

let seq = 0;
const recordId = () => `usg_${String(++seq).padStart(26, "0")}`;

describe("usage report: GET /projects/{projectId}/usage from the rollups the shipper writes", () => {
  let server: RunningServer;
  let w: World;
  let other: World;
  const ids = {} as {
    svcA: string;
    svcAName: string;
    revA: string;
    svcB: string;
    svcBName: string;
    revB: string;
    k1: string;
    k2: string;
    mv: string;
    modelName: string;
  };
  let otherIds: { svc: string; key: string; mv: string };
  /** Every record stored, to compute what the report must say. */
  const stored: UsageRecord[] = [];

  /** A service of `world` on `modelId`, upstream nobody answers at (the control plane never calls it). */
  async function createService(world: World, name: string, modelId: string) {
    const res = await world.users.developer!.client.post(`/projects/${world.projectId}/services`, {
      name,
      exposure: "private",
      config: {
        model: { model_id: modelId },
        runtime: { kind: "openai-compatible", base_url: `http://127.0.0.1:9/${name}` },
        resources: { resource_class: "cpu-2" },
      },
    });
    expect(res.status, res.text).toBe(201);
    return { id: res.body.data.id as string, revisionId: res.body.data.revisions[0].id as string };
  }
  async function createKey(world: World, name: string) {
    const res = await world.users.developer!.client.post(`/projects/${world.projectId}/api-keys`, { name });
    expect(res.status, res.text).toBe(201);
    return res.body.data.id as string;
  }

  /** A record through the real store (the shipper's path), with the fixture's shape and our ids. */
  function record(overrides: Partial<UsageRecord> & { at: string }): UsageRecord {
    return {
      ...usageRecordNo(seq),
      id: recordId(),
      tenant_id: w.tenantId,
      project_id: w.projectId,
      service_id: ids.svcA,
      revision_id: ids.revA,
      model_version_id: ids.mv,
      api_key_id: ids.k1,
      status_code: 200,
      ttft_ms: null,
      tpot_ms: null,
      cost_estimate: null,
      ...overrides,
    };
  }

  beforeAll(async () => {
    server = await startTestServer({}, { apiOnly: true });
    [w, other] = await Promise.all([createWorld(server.url), createWorld(server.url)]);
    const model = await seedModel(w.users.developer!.client, w.projectId, { name: "usage-model" });
    ids.mv = model.versionIds[0]!;
    ids.modelName = "usage-model";
    ids.svcAName = "chat-a";
    ids.svcBName = "chat-b";
    const a = await createService(w, ids.svcAName, model.modelId);
    const b = await createService(w, ids.svcBName, model.modelId);
    Object.assign(ids, { svcA: a.id, revA: a.revisionId, svcB: b.id, revB: b.revisionId });
    ids.k1 = await createKey(w, "key-one");
    ids.k2 = await createKey(w, "key-two");
    const otherModel = await seedModel(other.users.developer!.client, other.projectId);
    const o = await createService(other, "other-svc", otherModel.modelId);
    otherIds = { svc: o.id, key: await createKey(other, "other-key"), mv: otherModel.versionIds[0]! };

    const hand = [
      record({
        at: iso(T0 + 10 * MIN),
        prompt_tokens: 100,
        completion_tokens: 50,
        latency_ms: 80,
        ttft_ms: 20,
        cost_estimate: 0.001,
      }),
      record({
        at: iso(T0 + 20 * MIN),
        api_key_id: ids.k2,
        prompt_tokens: 200,
        completion_tokens: 100,
        latency_ms: 400,
      }),
      record({
        at: iso(T0 + 70 * MIN),
        service_id: ids.svcB,
        revision_id: ids.revB,
        status_code: 429,
        prompt_tokens: 0,
        completion_tokens: 0,
        latency_ms: 5,
      }),
      record({
        at: iso(T0 + 75 * MIN),
        api_key_id: null,
        status_code: 500,
        prompt_tokens: 10,
        completion_tokens: 0,
        latency_ms: 3000,
        cost_estimate: 0.002,
      }),
      record({
        at: iso(T0 + DAY + 5 * MIN),
        service_id: ids.svcB,
        revision_id: ids.revB,
        api_key_id: ids.k2,
        prompt_tokens: 30,
        completion_tokens: 30,
        latency_ms: 50,
        ttft_ms: 10,
        cost_estimate: 0.0005,
      }),
    ];
    // Many calls in hour 2 with spread latencies, across minutes and both keys, for the percentile.
    const bulk = Array.from({ length: 240 }, (_, n) => {
      const base = usageRecordNo(n, T0 + 2 * HOUR);
      return record({
        at: iso(T0 + 2 * HOUR + (n % 50) * MIN),
        api_key_id: n % 2 ? ids.k1 : ids.k2,
        prompt_tokens: base.prompt_tokens,
        completion_tokens: base.completion_tokens,
        latency_ms: base.latency_ms,
        cost_estimate: base.cost_estimate,
        status_code: 200,
      });
    });
    // Outside every range asked below, and another project's call in the same minutes.
    const outside = [
      record({ at: iso(T0 - MIN), prompt_tokens: 999 }),
      record({ at: iso(T0 + 3 * DAY), prompt_tokens: 999 }),
      record({
        at: iso(T0 + 10 * MIN),
        tenant_id: other.tenantId,
        project_id: other.projectId,
        service_id: otherIds.svc,
        revision_id: null,
        api_key_id: otherIds.key,
        prompt_tokens: 7777,
      }),
    ];
    stored.push(...hand, ...bulk);
    // In two batches, as two shipper passes would.
    await storeUsageRecords({ ctx: server.systemCtx, batch: [...hand, ...outside] });
    await storeUsageRecords({ ctx: server.systemCtx, batch: bulk });
  }, 120_000);
  afterAll(async () => server?.stop());

  const report = async (query: Record<string, string>, as = w.users.viewer!.client) => {
    const res = await as.get(`/projects/${w.projectId}/usage?${new URLSearchParams(query)}`);
    expect(res.status, res.text).toBe(200);
    return res.body.data as UsageReport;
  };
  const range = { from: iso(T0), to: iso(T0 + 2 * DAY) };
  const sum = (rs: UsageRecord[], f: (r: UsageRecord) => number) => rs.reduce((n, r) => n + f(r), 0);

  it("adds up totals and groups by service with names, most requests first", async () => {
    const r = await report({ ...range, group_by: "service" });
    expect(r).toMatchObject({ group_by: "service", granularity: "hour", currency: "USD", ...range });
    expect(r.totals.requests).toBe(stored.length);
    expect(r.totals.errors).toBe(2);
    expect(r.totals.prompt_tokens).toBe(sum(stored, (x) => x.prompt_tokens));
    expect(r.totals.completion_tokens).toBe(sum(stored, (x) => x.completion_tokens));
    expect(r.totals.total_tokens).toBe(r.totals.prompt_tokens + r.totals.completion_tokens);
    expect(r.totals.success_rate).toBeCloseTo((stored.length - 2) / stored.length, 4);
    expect(r.totals.latency_avg_ms).toBeCloseTo(sum(stored, (x) => x.latency_ms) / stored.length, 1);
    expect(r.totals.ttft_avg_ms).toBe(15);
    const priced = stored.filter((x) => x.cost_estimate !== null);
    expect(r.totals.priced_requests).toBe(priced.length);
    expect(r.totals.cost_estimate).toBeCloseTo(
      sum(priced, (x) => x.cost_estimate ?? 0),
      8,
    );
    expect(r.groups.map((g) => [g.group, g.label, g.requests])).toEqual([
      [ids.svcA, ids.svcAName, stored.length - 2],
      [ids.svcB, ids.svcBName, 2],
    ]);
    expect(r.groups[1]).toMatchObject({
      errors: 1,
      success_rate: 0.5,
      prompt_tokens: 30,
      cost_estimate: 0.0005,
    });
  });

  it("labels revisions 'name · r1', keys by name (no key: '(none)'), model versions 'name v1', status codes", async () => {
    const revisions = await report({ ...range, group_by: "revision" });
    expect(revisions.groups.map((g) => g.label).sort()).toEqual([
      `${ids.svcAName} · r1`,
      `${ids.svcBName} · r1`,
    ]);
    const keys = await report({ ...range, group_by: "api_key" });
    expect(new Map(keys.groups.map((g) => [g.group, g.label]))).toEqual(
      new Map<string | null, string>([
        [ids.k1, "key-one"],
        [ids.k2, "key-two"],
        [null, "(none)"],
      ]),
    );
    expect(keys.groups.find((g) => g.group === null)).toMatchObject({
      requests: 1,
      errors: 1,
      cost_estimate: 0.002,
    });
    const versions = await report({ ...range, group_by: "model_version" });
    expect(versions.groups).toHaveLength(1);
    expect(versions.groups[0]).toMatchObject({ group: ids.mv, label: `${ids.modelName} v1` });
    const codes = await report({ ...range, group_by: "status_code" });
    expect(codes.groups.map((g) => [g.group, g.label, g.requests])).toEqual([
      ["200", "200", stored.length - 2],
      ["429", "429", 1],
      ["500", "500", 1],
    ]);
  });

  it("buckets the series by hour or by UTC day, and counts status codes per bucket", async () => {
    const hourly = await report({ ...range, group_by: "service" });
    const points = hourly.series.map((p) => [p.time, p.group, p.requests]);
    expect(points).toEqual([
      [iso(T0), ids.svcA, 2],
      [iso(T0 + HOUR), ids.svcA, 1],
      [iso(T0 + HOUR), ids.svcB, 1],
      [iso(T0 + 2 * HOUR), ids.svcA, 240],
      [iso(T0 + DAY), ids.svcB, 1],
    ]);
    expect(hourly.status_codes).toEqual([
      { time: iso(T0), status_code: 200, requests: 2 },
      { time: iso(T0 + HOUR), status_code: 429, requests: 1 },
      { time: iso(T0 + HOUR), status_code: 500, requests: 1 },
      { time: iso(T0 + 2 * HOUR), status_code: 200, requests: 240 },
      { time: iso(T0 + DAY), status_code: 200, requests: 1 },
    ]);
    const daily = await report({ ...range, group_by: "service", granularity: "day" });
    expect(daily.series.map((p) => [p.time, p.group, p.requests])).toEqual([
      [iso(T0), ids.svcA, 243],
      [iso(T0), ids.svcB, 1],
      [iso(T0 + DAY), ids.svcB, 1],
    ]);
    // From and to narrow it: [T0 + 1h, T0 + 2h) holds the two calls of hour 1 only.
    const narrow = await report({ from: iso(T0 + HOUR), to: iso(T0 + 2 * HOUR) });
    expect(narrow.totals.requests).toBe(2);
  });

  it("estimates p95 from the summed latency histograms of every minute and group", async () => {
    const r = await report({ ...range, group_by: "api_key" });
    const expected = (rs: UsageRecord[]) => {
      const counts = new Array(USAGE_LATENCY_BUCKETS_MS.length + 1).fill(0);
      for (const x of rs) counts[usageLatencyBucket(x.latency_ms)] += 1;
      return usageLatencyPercentile(counts, 0.95, Math.max(...rs.map((x) => x.latency_ms)));
    };
    expect(r.totals.latency_p95_ms).toBeCloseTo(expected(stored)!, 1);
    const k1 = stored.filter((x) => x.api_key_id === ids.k1);
    expect(r.groups.find((g) => g.group === ids.k1)!.latency_p95_ms).toBeCloseTo(expected(k1)!, 1);
    // The p95 of 243 calls spread up to ~3 s lies in the 2.5–5 s bucket, never above the slowest call.
    expect(r.totals.latency_p95_ms!).toBeGreaterThan(1000);
    expect(r.totals.latency_p95_ms!).toBeLessThanOrEqual(Math.max(...stored.map((x) => x.latency_ms)));
  });

  it("filters by service, revision, key, model version and status class", async () => {
    expect((await report({ ...range, service_id: ids.svcB })).totals.requests).toBe(2);
    expect((await report({ ...range, revision_id: ids.revA })).totals.requests).toBe(stored.length - 2);
    const k2 = await report({ ...range, api_key_id: ids.k2 });
    expect(k2.totals.requests).toBe(stored.filter((x) => x.api_key_id === ids.k2).length);
    expect((await report({ ...range, model_version_id: ids.mv })).totals.requests).toBe(stored.length);
    const errors = await report({ ...range, status_class: "5xx", group_by: "status_code" });
    expect(errors.groups.map((g) => g.label)).toEqual(["500"]);
    expect((await report({ ...range, status_class: "4xx" })).totals.requests).toBe(1);
    const both = await report({ ...range, service_id: ids.svcB, status_class: "2xx" });
    expect(both.totals).toMatchObject({ requests: 1, prompt_tokens: 30 });
  });

  it("downloads the series as CSV (format=csv or Accept: text/csv), one row per bucket and group", async () => {
    const q = new URLSearchParams({ ...range, group_by: "service", format: "csv" });
    const res = await w.users.finance!.client.get(`/projects/${w.projectId}/usage?${q}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toContain("usage-service-hour.csv");
    const lines = res.text.trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      "time,group,label,requests,errors,success_rate,prompt_tokens,completion_tokens,total_tokens,latency_avg_ms,latency_p95_ms,ttft_avg_ms,cost_estimate,priced_requests,currency",
    );
    expect(lines).toHaveLength(6);
    expect(lines[1]).toContain(`${iso(T0)},${ids.svcA},${ids.svcAName},2,0,1,300,150,450`);
    const accept = await w.users.viewer!.client.get(
      `/projects/${w.projectId}/usage?${new URLSearchParams({ ...range, group_by: "api_key" })}`,
      { accept: "text/csv" },
    );
    expect(accept.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(accept.text).toContain("key-one");
  });

  it("refuses a range over 90 days, from after to, and bad parameters with 400", async () => {
    const bad = async (query: Record<string, string>) => {
      const res = await w.users.viewer!.client.get(
        `/projects/${w.projectId}/usage?${new URLSearchParams(query)}`,
      );
      expect(res.status, `${JSON.stringify(query)}: ${res.text}`).toBe(400);
      expect(res.body.error.code).toBe("validation_error");
    };
    await bad({ from: iso(T0), to: iso(T0 + 91 * DAY) });
    await bad({ from: iso(T0 + DAY), to: iso(T0) });
    await bad({ from: iso(T0), to: iso(T0) });
    await bad({ from: "yesterday" });
    await bad({ group_by: "endpoint" });
    await bad({ granularity: "minute" });
    await bad({ status_class: "3xx" });
    await bad({ format: "xml" });
    expect((await report({ from: iso(T0), to: iso(T0 + 90 * DAY) })).totals.requests).toBe(stored.length + 1);
  });

  it("answers 404 for another tenant's (or project's) ids in a filter, and for callers outside the project", async () => {
    const as = w.users.tenantAdmin!.client;
    const notFound = async (query: Record<string, string>, who = as, projectId = w.projectId) => {
      const res = await who.get(`/projects/${projectId}/usage?${new URLSearchParams(query)}`);
      expect(res.status, `${JSON.stringify(query)}: ${res.text}`).toBe(404);
    };
    await notFound({ service_id: otherIds.svc });
    await notFound({ api_key_id: otherIds.key });
    await notFound({ model_version_id: otherIds.mv });
    await notFound({ revision_id: "rev_00000000000000000000000000" });
    await notFound({ service_id: "not-an-id" });
    // Another project of the same tenant: its service is not this project's.
    const p2 = await as.post(`/tenants/${w.tenantId}/projects`, {
      name: `second-${w.tag}`,
      env: "dev",
      owner_id: w.users.owner!.id,
    });
    expect(p2.status, p2.text).toBe(201);
    await notFound({ service_id: ids.svcA }, as, p2.body.data.id);
    // Callers: another tenant's admin and a tenant member outside the project see no project.
    await notFound({}, other.users.tenantAdmin!.client);
    await notFound({}, w.users.member!.client);
    // The other tenant's call in the same minutes never shows here, and finance reads the report.
    const r = await report(range, w.users.finance!.client);
    expect(r.totals.prompt_tokens).toBe(sum(stored, (x) => x.prompt_tokens));
  });
});
