import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPostgresDatabase, dropPostgresDatabase } from "@infera/db";
import { postgresAdminUrl, testEngine } from "@infera/testing";
import { afterAll, describe, expect, it } from "vitest";
import { type ChildServer, startChildServer, stopProcess } from "./testing/child-server.js";
import { type HttpClient, httpClient } from "./testing/http.js";
import { TEST_ADMIN } from "./testing/test-server.js";
import { createWorld } from "./testing/world.js";

function replicaPids(dir: string): number[] {
  const out = execFileSync("ps", ["-eo", "pid=,stat=,args="], { encoding: "utf8" });
  return out
    .split("\n")
    .filter((l) => l.includes("infera-serve") && l.includes(dir) && !/^\s*\d+\s+Z/.test(l))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

const sum = (series: any[], field: string) =>
  series.reduce((n, s) => n + s.points.reduce((m: number, p: any) => m + (p[field] ?? 0), 0), 0);

/** Prometheus text → samples `{ name, labels, value }` (every line must parse). */
function parsePrometheus(text: string) {
  const samples: { name: string; labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[l[1]!] = l[2]!;
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

/**
 * Serving metrics from a real infera-serve replica: the `services.metrics` scrape (every second
 * here) files the replica's requests, latencies, tokens, CPU and memory under their minute; the
 * worker killed with -9 between scrapes — and so at times in the middle of one — loses no request and
 * counts none twice; the API's windows, filters and CSV read the rows; the server's /metrics shows
 * them under OpenTelemetry GenAI names with service, revision and model labels only.
 */
describe("service metrics from a real replica across a worker killed with -9", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-svc-metrics-"));
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    for (const pid of replicaPids(dir)) process.kill(-pid, "SIGKILL");
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  it("scrapes rows, keeps exact counts across kill -9, answers windows, CSV and Prometheus", async () => {
    const env: Record<string, string> = {
      INFERA_PORT: "0",
      INFERA_DATA_DIR: join(dir, "data"),
      INFERA_ADMIN_EMAIL: TEST_ADMIN.email,
      INFERA_ADMIN_PASSWORD: TEST_ADMIN.password,
      INFERA_WORKER_POLL_MS: "100",
      INFERA_TEST_SYSTEM_MODEL: "1",
      INFERA_MAX_REPLICAS: "1",
      INFERA_SERVICE_METRICS_INTERVAL_SECONDS: "1",
      DATABASE_URL: "",
    };
    if (testEngine() === "postgres") {
      const db = `infera_test_svc_metrics_${randomBytes(4).toString("hex")}`;
      env.DATABASE_URL = await createPostgresDatabase(postgresAdminUrl, db);
      cleanups.push(() => dropPostgresDatabase(postgresAdminUrl, db));
    }
    const start = async () => {
      // A loaded machine can take a while to compile and migrate a fresh process.
      const child = await startChildServer(env, { readyTimeoutMs: 240_000 });
      cleanups.push(() => stopProcess(child.proc, "SIGKILL"));
      return child;
    };
    let server: ChildServer = await start();
    const w = await createWorld(server.url!);
    let admin: HttpClient = w.admin;
    const dev = () => httpClient(server.url!, { token: w.users.developer!.client.token });
    const models = await dev().get(`/projects/${w.projectId}/models?scope=system`);
    const tiny = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
    const created = await dev().post(`/projects/${w.projectId}/services`, {
      name: "metrics-chat",
      exposure: "private",
      config: {
        model: { model_id: tiny, tag: "latest" },
        runtime: { kind: "llama.cpp", context_size: 256, threads: 1 },
        resources: { resource_class: "cpu-2" },
      },
    });
    expect(created.status, created.text).toBe(201);
    const serviceId = created.body.data.id as string;
    const revisionId = created.body.data.revisions[0].id as string;
    const wait = async <T>(read: () => Promise<T>, done: (v: T) => boolean, what: string): Promise<T> => {
      for (const end = Date.now() + 120_000; ; await new Promise((r) => setTimeout(r, 200))) {
        const v = await read();
        if (done(v)) return v;
        if (Date.now() > end)
          throw new Error(`${what}: ${JSON.stringify(v).slice(0, 1500)}\n${server.output().slice(-3000)}`);
      }
    };
    const svc = await wait(
      async () => (await admin.get(`/services/${serviceId}`)).body.data,
      (s: any) => s?.replicas?.some((r: any) => r.state === "ready"),
      "replica ready",
    );
    const replica = svc.replicas.find((r: any) => r.state === "ready");
    const chat = async () => {
      const res = await fetch(`http://127.0.0.1:${replica.port}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          messages: [{ role: "user", content: "hello" }],
          max_tokens: 6,
          temperature: 0,
        }),
      });
      expect(res.status).toBe(200);
      await res.json();
    };
    const metrics = async (query = "window=1h") =>
      (await dev().get(`/services/${serviceId}/metrics?${query}`)).body;

    for (let i = 0; i < 4; i++) await chat();
    await wait(metrics, (b) => sum(b.data.series, "requests") === 4, "4 requests scraped");

    // kill -9 twice at different points of the 1 s scrape cycle, requests arriving meanwhile.
    for (const [n, delayMs] of [
      [2, 150],
      [3, 620],
    ] as const) {
      for (let i = 0; i < n; i++) await chat();
      await new Promise((r) => setTimeout(r, delayMs));
      server.proc.kill("SIGKILL");
      await new Promise((r) => server.proc.once("exit", r));
      server = await start();
      admin = httpClient(server.url!, { token: w.admin.token });
    }
    await chat();
    const total = 4 + 2 + 3 + 1;
    let body = await wait(
      metrics,
      (b) => sum(b.data.series, "requests") >= total,
      `${total} requests scraped`,
    );
    // A few more scrapes after: still exactly once each.
    const rows = async () => (await metrics()).data.series;
    await wait(rows, (s) => s[0].points.at(-1).cpu_percent !== null, "a second scrape of the process");
    await new Promise((r) => setTimeout(r, 2500));
    body = await metrics();
    expect(sum(body.data.series, "requests")).toBe(total);
    expect(sum(body.data.series, "errors")).toBe(0);
    // One cold start: the adopted replica after each restart is the same start.
    expect(sum(body.data.series, "cold_starts")).toBe(1);

    expect(body.data).toMatchObject({ window: "1h", bucket_seconds: 60 });
    expect(body.data.series).toHaveLength(1);
    const series = body.data.series[0];
    expect(series).toMatchObject({ revision_id: revisionId, revision_number: 1 });
    const busy = series.points.filter((p: any) => p.requests > 0);
    expect(busy.length).toBeGreaterThan(0);
    for (const p of busy) {
      expect(p.success_rate).toBe(1);
      expect(p.latency_p50_ms).toBeGreaterThan(0);
      expect(p.latency_p99_ms).toBeGreaterThanOrEqual(p.latency_p50_ms);
      expect(p.ttft_p50_ms).toBeGreaterThan(0);
      expect(p.prompt_tokens_per_second).toBeGreaterThan(0);
      expect(p.generated_tokens_per_second).toBeGreaterThan(0);
      expect(p.qps).toBeCloseTo(p.requests / 60, 2);
    }
    const last = series.points.at(-1);
    expect(last.memory_bytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(last.cpu_percent).toBeGreaterThanOrEqual(0);
    expect(last.replicas).toBe(1);
    expect(series.points.find((p: any) => p.cold_starts === 1).cold_start_ms).toBeGreaterThan(0);

    // Windows pick their buckets; the 7-day one holds the same requests in one or two hours.
    const week = await metrics("window=7d");
    expect(week.data.bucket_seconds).toBe(3600);
    expect(sum(week.data.series, "requests")).toBe(total);
    expect((await metrics("window=6h")).data.bucket_seconds).toBe(300);
    expect((await metrics("window=24h")).data.bucket_seconds).toBe(900);
    expect(
      sum((await metrics(`window=24h&replica=${replica.id}&revision=${revisionId}`)).data.series, "requests"),
    ).toBe(total);
    // Unknown or foreign ids, and a window it does not know.
    expect(
      (await dev().get(`/services/${serviceId}/metrics?revision=rev_00000000000000000000000000`)).status,
    ).toBe(404);
    expect((await dev().get(`/services/${serviceId}/metrics?replica=rep_nope`)).status).toBe(404);
    expect((await dev().get(`/services/${serviceId}/metrics?window=2h`)).status).toBe(400);

    // CSV: a header and one row per revision and bucket, by query or by Accept.
    const csv = await dev().get(`/services/${serviceId}/metrics?window=1h&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split("\r\n");
    expect(lines[0]).toMatch(
      /^revision_id,revision_number,time,requests,qps,errors,success_rate,latency_p50_ms/,
    );
    expect(lines).toHaveLength(1 + series.points.length);
    const header = lines[0]!.split(",");
    const csvRequests = lines
      .slice(1)
      .reduce((n, l) => n + Number(l.split(",")[header.indexOf("requests")]), 0);
    expect(csvRequests).toBe(total);
    const byAccept = await fetch(`${server.url}/api/v1/services/${serviceId}/metrics?window=7d`, {
      headers: { accept: "text/csv", authorization: `Bearer ${w.users.developer!.client.token}` },
    });
    expect(byAccept.headers.get("content-type")).toMatch(/^text\/csv/);

    // Prometheus: this process's scrapes under GenAI names, labels bounded to service, revision, model.
    const prom = parsePrometheus(await (await fetch(`${server.url}/metrics`)).text());
    const labelsOk = (l: Record<string, string>) =>
      Object.keys(l).every((k) =>
        ["service", "revision", "model", "le", "gen_ai_token_type", "outcome"].includes(k),
      );
    const ours = prom.filter((s) => /^(gen_ai_server_|infera_service_)/.test(s.name));
    expect(ours.length).toBeGreaterThan(0);
    for (const s of ours) {
      expect(labelsOk(s.labels), JSON.stringify(s)).toBe(true);
      expect(s.labels).toMatchObject({ service: "metrics-chat", revision: "1", model: "infera-tiny" });
    }
    const count = ours.find((s) => s.name === "gen_ai_server_request_duration_seconds_count")!;
    // The restarted process counts what it committed: at least the last request.
    expect(count.value).toBeGreaterThanOrEqual(1);
    expect(count.value).toBeLessThanOrEqual(total);
    const inf = ours.find(
      (s) => s.name === "gen_ai_server_request_duration_seconds_bucket" && s.labels.le === "+Inf",
    )!;
    expect(inf.value).toBe(count.value);
    for (const name of [
      "gen_ai_server_time_to_first_token_seconds_count",
      "gen_ai_server_time_per_output_token_seconds_count",
    ])
      expect(ours.some((s) => s.name === name)).toBe(true);
    expect(
      ours.find((s) => s.name === "infera_service_tokens_total" && s.labels.gen_ai_token_type === "output")!
        .value,
    ).toBeGreaterThan(0);
    await stopProcess(server.proc, "SIGTERM");
  }, 900_000);
});
