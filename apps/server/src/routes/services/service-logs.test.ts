import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { pruneServiceLogs } from "@infera/core";
import { and, eq, gte, tables } from "@infera/db";
import { shipReplicaLog } from "@infera/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import type { HttpClient } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";
import { seedModel } from "../models/model-test-helpers.js";

interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
}
function parseSse(text: string): SseEvent[] {
  return text
    .split("\n\n")
    .filter((block) => block.trim() && !block.startsWith(":"))
    .map((block) => {
      const e: SseEvent = {};
      for (const line of block.split("\n")) {
        const i = line.indexOf(":");
        const [k, v] = [line.slice(0, i), line.slice(i + 1).trimStart()];
        if (k === "id" || k === "event" || k === "data") e[k] = v;
      }
      return e;
    });
}

const json = (o: Record<string, unknown>) => `${JSON.stringify(o)}\n`;

/**
 * Replica logs: the worker ships each replica's log file into the database (what infera-serve
 * writes, parsed: time, level, message), and the server answers them filtered, paged, live and as a
 * file, to the project's roles, but not to a Prod project's Viewers while its policy says so.
 * Replica rows are written straight to the database: no infera-serve starts here.
 */
describe("service logs: shipped from the replicas' files, read through the API", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-service-logs-"));
  let server: RunningServer;
  let w: World;
  let other: World;
  let dev: HttpClient;
  let modelId: string;
  let counter = 0;

  beforeAll(async () => {
    server = await startTestServer({ INFERA_WORKER_POLL_MS: "100", INFERA_SERVICE_LOG_RETENTION_DAYS: "3" });
    w = await createWorld(server.url);
    other = await createWorld(server.url);
    dev = w.users.developer!.client;
    modelId = (await seedModel(w.users.owner!.client, w.projectId)).modelId;
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const config = () => ({
    model: { model_id: modelId },
    runtime: { kind: "openai-compatible", base_url: `http://127.0.0.1:9/v${++counter}` },
    resources: { resource_class: "cpu-2" },
  });
  async function service(projectId = w.projectId, client = w.users.owner!.client) {
    const res = await client.post(`/projects/${projectId}/services`, {
      name: `logs-${Date.now().toString(36)}-${++counter}`,
      exposure: "private",
      config: config(),
    });
    expect(res.status, res.text).toBe(201);
    return { id: res.body.data.id as string, revisionId: res.body.data.revisions[0].id as string };
  }
  async function replica(s: { id: string; revisionId: string }, projectTenant = w.tenantId) {
    const [node] = await server.database.db.select({ id: tables.nodes.id }).from(tables.nodes).limit(1);
    const id = `rep_${Date.now().toString(36)}${++counter}`.padEnd(30, "0");
    const now = new Date();
    await server.database.db.insert(tables.serviceReplicas).values({
      id,
      revisionId: s.revisionId,
      serviceId: s.id,
      tenantId: projectTenant,
      nodeId: node!.id,
      state: "ready",
      createdAt: now,
      updatedAt: now,
    });
    return { id, file: join(dir, `${id}.log`) };
  }

  it("ships a replica's file once, parsed, with a partial line waiting for its newline", async () => {
    const s = await service();
    const r = await replica(s);
    writeFileSync(
      r.file,
      json({ time: "2026-01-01T10:00:00.000Z", level: "info", msg: "listening", port: 4001 }) +
        "llama_model_loader: loaded meta data\n\n" +
        json({ time: "2026-01-01T10:00:02.000Z", level: "info", msg: "ready", loadMs: 812 }) +
        json({ time: "2026-01-01T10:00:05.000Z", level: "error", msg: "request failed", path: "/v1/chat" }) +
        '{"time":"2026-01-01T10:00:06.000Z","level":"warn","msg":"slo',
    );
    const ctx = server.systemCtx;
    expect(await shipReplicaLog(ctx, r.id, r.file)).toBe(4);
    // Again: nothing new (the partial line still waits), nothing twice.
    expect(await shipReplicaLog(ctx, r.id, r.file)).toBe(0);
    appendFileSync(r.file, 'w request"}\n');
    expect(await shipReplicaLog(ctx, r.id, r.file)).toBe(1);

    const res = await dev.get(`/services/${s.id}/logs`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.data.map((l: any) => [l.seq, l.level, l.message])).toEqual([
      [1, "info", "listening"],
      [2, "info", "llama_model_loader: loaded meta data"],
      [3, "info", "ready"],
      [4, "error", "request failed"],
      [5, "warn", "slow request"],
    ]);
    expect(res.body.data[0]).toMatchObject({
      replica_id: r.id,
      revision_id: s.revisionId,
      revision_number: 1,
      at: "2026-01-01T10:00:00.000Z",
    });
    expect(res.body).toMatchObject({ next_after: 5, prev_before: null });

    // The process died mid-line: its last words go as they are.
    appendFileSync(r.file, '{"error":{"code":"model_load_failed","message":"out of memory"}}');
    expect(await shipReplicaLog(ctx, r.id, r.file, { final: true })).toBe(1);
    const last = await dev.get(`/services/${s.id}/logs?after=5`);
    expect(last.body.data).toMatchObject([
      { seq: 6, level: "error", message: "model_load_failed: out of memory" },
    ]);
  });

  it("a shipment cut short (a worker killed mid-way) resumes where its last commit ended: no line twice, none lost", async () => {
    const s = await service();
    const r = await replica(s);
    // ~700 KiB: several read chunks, each committed on its own.
    const body = Array.from({ length: 6000 }, (_, i) =>
      json({ level: "info", msg: `line ${i} ${"x".repeat(100)}` }),
    );
    writeFileSync(r.file, body.join(""));
    const cut = await shipReplicaLog(server.systemCtx, r.id, r.file, { maxBytes: 300 * 1024 });
    expect(cut).toBeGreaterThan(0);
    expect(cut).toBeLessThan(6000);
    // Two workers at once (a pass and a stop) ship the rest: the stored offset decides, under the lock.
    const [a, b] = await Promise.all([
      shipReplicaLog(server.systemCtx, r.id, r.file),
      shipReplicaLog(server.systemCtx, r.id, r.file),
    ]);
    expect(cut + a + b).toBe(6000);
    const seen: string[] = [];
    for (let after = 0; ; ) {
      const page = await dev.get(`/services/${s.id}/logs?after=${after}&limit=1000`);
      seen.push(...page.body.data.map((l: any) => l.message));
      if (page.body.data.length < 1000) break;
      after = page.body.next_after;
    }
    expect(seen).toEqual(body.map((_, i) => `line ${i} ${"x".repeat(100)}`));
  });

  it("filters by level, text, revision, replica and time, pages both ways, and downloads", async () => {
    const s = await service();
    const a = await replica(s);
    const b = await replica(s);
    writeFileSync(
      a.file,
      json({ time: "2026-02-01T00:00:00.000Z", level: "info", msg: "alpha one" }) +
        json({ time: "2026-02-01T00:01:00.000Z", level: "warn", msg: "alpha 100%_done" }) +
        json({ time: "2026-02-01T00:02:00.000Z", level: "error", msg: "alpha boom" }),
    );
    writeFileSync(b.file, json({ time: "2026-02-01T00:03:00.000Z", level: "debug", msg: "beta detail" }));
    await shipReplicaLog(server.systemCtx, a.id, a.file);
    await shipReplicaLog(server.systemCtx, b.id, b.file);
    const messages = async (q: string) => {
      const res = await dev.get(`/services/${s.id}/logs?${q}`);
      expect(res.status, res.text).toBe(200);
      return res.body.data.map((l: any) => l.message);
    };
    expect(await messages("level=warn")).toEqual(["alpha 100%_done", "alpha boom"]);
    expect(await messages("q=BOOM")).toEqual(["alpha boom"]);
    // `%` and `_` are the user's text, not patterns.
    expect(await messages("q=0%25_")).toEqual(["alpha 100%_done"]);
    expect(await messages(`replica=${b.id}`)).toEqual(["beta detail"]);
    expect(await messages("revision=2")).toEqual([]);
    expect(await messages("revision=1&level=error")).toEqual(["alpha boom"]);
    expect(
      await messages(
        `since=${encodeURIComponent("2026-02-01T00:01:00Z")}&until=${encodeURIComponent("2026-02-01T00:03:00Z")}`,
      ),
    ).toEqual(["alpha 100%_done", "alpha boom"]);

    // The newest two, then back from there; forward from the start in pages of two.
    const tail = await dev.get(`/services/${s.id}/logs?tail=true&limit=2`);
    expect(tail.body.data.map((l: any) => l.seq)).toEqual([3, 4]);
    expect(tail.body).toMatchObject({ next_after: 4, prev_before: 3 });
    const back = await dev.get(`/services/${s.id}/logs?before=3&limit=2`);
    expect(back.body.data.map((l: any) => l.seq)).toEqual([1, 2]);
    expect(back.body.prev_before).toBe(1);
    const none = await dev.get(`/services/${s.id}/logs?before=1&limit=2`);
    expect(none.body).toMatchObject({ data: [], prev_before: null });
    const forward = await dev.get(`/services/${s.id}/logs?after=2&limit=2`);
    expect(forward.body.data.map((l: any) => l.seq)).toEqual([3, 4]);

    const file = await dev.get(`/services/${s.id}/logs?download=true&level=warn`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toContain("text/plain");
    expect(file.headers.get("content-disposition")).toMatch(/attachment; filename="logs-.*\.log"/);
    const lines = file.text.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(`^2026-02-01T00:01:00.000Z warn  \\[${a.id} r1\\] \\{.*alpha 100%_done`),
    );

    expect((await dev.get(`/services/${s.id}/logs?level=loud`)).status).toBe(400);
    expect((await dev.get(`/services/${s.id}/logs?since=yesterday`)).status).toBe(400);
  });

  it("follows live over Server-Sent Events, resuming after Last-Event-ID", async () => {
    const s = await service();
    const r = await replica(s);
    writeFileSync(r.file, json({ level: "info", msg: "first" }));
    await shipReplicaLog(server.systemCtx, r.id, r.file);

    const ended = parseSse(
      (await dev.get(`/services/${s.id}/logs?follow=false`, { accept: "text/event-stream" })).text,
    );
    expect(ended.map((e) => e.event)).toEqual(["ready", "log", "end"]);

    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/v1/services/${s.id}/logs?level=warn`, {
      headers: {
        authorization: `Bearer ${(dev as any).token}`,
        accept: "text/event-stream",
        "last-event-id": "1",
      },
      signal: controller.signal,
    });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    const until = async (pred: () => boolean) => {
      while (!pred()) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended: ${text}`);
        text += value;
      }
    };
    await until(() => text.includes("event: ready"));
    appendFileSync(
      r.file,
      json({ level: "info", msg: "chatter" }) + json({ level: "warn", msg: "live one" }),
    );
    await shipReplicaLog(server.systemCtx, r.id, r.file);
    await until(() => text.includes("live one"));
    controller.abort();
    const live = parseSse(text).filter((e) => e.event === "log");
    expect(live.map((e) => [e.id, JSON.parse(e.data!).message])).toEqual([["3", "live one"]]);
  });

  it("keeps logs from Viewers of a Prod project while its policy says so, naming the policy", async () => {
    const admin = w.users.tenantAdmin!.client;
    const prod = await admin.post(`/tenants/${w.tenantId}/projects`, {
      name: `Prod logs ${++counter}`,
      env: "prod",
      owner_id: w.users.owner!.id,
      members: [
        { user_id: w.users.viewer!.id, role: "viewer" },
        { user_id: w.users.developer!.id, role: "developer" },
      ],
    });
    expect(prod.status, prod.text).toBe(201);
    const projectId = prod.body.data.id as string;
    const prodModel = await seedModel(w.users.owner!.client, projectId);
    const res = await w.users.owner!.client.post(`/projects/${projectId}/services`, {
      name: `prod-logs-${++counter}`,
      exposure: "private",
      config: { ...config(), model: { model_id: prodModel.modelId } },
    });
    expect(res.status, res.text).toBe(201);
    const id = res.body.data.id as string;

    const refused = await w.users.viewer!.client.get(`/services/${id}/logs`);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: "forbidden",
      details: { policy: "viewers_cannot_view_logs" },
    });
    expect(refused.body.error.message).toMatch(/viewers_cannot_view_logs/);
    expect((await w.users.viewer!.client.get(`/services/${id}/logs?download=true`)).status).toBe(403);
    expect((await w.users.viewer!.client.get(`/services/${id}`)).status).toBe(200);
    expect((await w.users.developer!.client.get(`/services/${id}/logs`)).status).toBe(200);
    expect((await w.users.finance!.client.get(`/services/${id}/logs`)).status).toBe(403);

    // An Owner turns the policy off: the Viewer reads them.
    const policies = (await w.users.owner!.client.get(`/projects/${projectId}/policies`)).body.data;
    const turnedOff = await w.users.owner!.client.put(`/projects/${projectId}/policies`, {
      prod_disallow_scale_to_zero: policies.prod_disallow_scale_to_zero,
      prod_force_alerts: policies.prod_force_alerts,
      prod_no_playground_logging: policies.prod_no_playground_logging,
      viewers_cannot_view_logs: false,
    });
    expect(turnedOff.status, turnedOff.text).toBe(200);
    expect((await w.users.viewer!.client.get(`/services/${id}/logs`)).status).toBe(200);
    // In a dev project Viewers read logs.
    const s = await service();
    expect((await w.users.viewer!.client.get(`/services/${s.id}/logs`)).status).toBe(200);
  });

  it("answers another tenant's service as not found", async () => {
    const s = await service();
    for (const q of ["", "?download=true"])
      expect((await other.users.owner!.client.get(`/services/${s.id}/logs${q}`)).status).toBe(404);
  });

  it("prunes lines past the retention in batches, keeps each replica's newest line (its offset), and is idempotent", async () => {
    const s = await service();
    const busy = await replica(s);
    const quiet = await replica(s);
    const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
    const line = (d: number, msg: string) => json({ time: daysAgo(d), level: "info", msg });
    // The busy replica: six old lines, then two of today. The quiet one: only old lines.
    writeFileSync(
      busy.file,
      [10, 10, 9, 9, 8, 8].map((d, i) => line(d, `old ${i}`)).join("") + line(0, "new 0") + line(0, "new 1"),
    );
    writeFileSync(quiet.file, [12, 11, 10].map((d, i) => line(d, `quiet ${i}`)).join(""));
    const ctx = server.systemCtx;
    expect(await shipReplicaLog(ctx, busy.id, busy.file)).toBe(8);
    expect(await shipReplicaLog(ctx, quiet.id, quiet.file)).toBe(3);
    const messages = async () =>
      (await dev.get(`/services/${s.id}/logs?tail=true&limit=100`)).body.data.map((l: any) => [
        l.seq,
        l.message,
      ]);

    // Batches of 2: seven old lines of this service go (other services' old lines may go too).
    expect(await pruneServiceLogs({ ctx, days: 7, batchSize: 2 })).toBeGreaterThanOrEqual(7);
    const kept = [
      [7, "new 0"],
      [8, "new 1"],
      [11, "quiet 2"],
    ];
    expect(await messages()).toEqual(kept);
    // Again: nothing more goes; the newest line of the quiet replica stays, however old.
    expect(await pruneServiceLogs({ ctx, days: 7, batchSize: 2 })).toBe(0);
    expect(await messages()).toEqual(kept);
    // Its offset survived: a new line ships alone (not the whole file again), and seqs go on.
    appendFileSync(quiet.file, line(0, "quiet again"));
    expect(await shipReplicaLog(ctx, quiet.id, quiet.file)).toBe(1);
    expect(await messages()).toEqual([...kept, [12, "quiet again"]]);

    // The scheduled job does the same through the queue, with the configured retention.
    appendFileSync(busy.file, line(0, "new 2"));
    expect(await shipReplicaLog(ctx, busy.id, busy.file)).toBe(1);
    const db = server.database.db;
    const [schedule] = await db
      .select()
      .from(tables.workSchedules)
      .where(eq(tables.workSchedules.name, "services.logs_prune"));
    expect(schedule).toMatchObject({
      kind: "services.logs_prune",
      payload: { days: 3 },
      intervalSeconds: 3600,
    });
    // Lines of 5 days ago are past the 3 days this server keeps.
    const other = await replica(s);
    writeFileSync(other.file, line(5, "five days 0") + line(5, "five days 1") + line(0, "today"));
    expect(await shipReplicaLog(ctx, other.id, other.file)).toBe(3);
    const since = new Date();
    await db
      .update(tables.workSchedules)
      .set({ nextRunAt: new Date(0) })
      .where(eq(tables.workSchedules.name, "services.logs_prune"));
    const done = async () =>
      (
        await db
          .select({ id: tables.workItems.id })
          .from(tables.workItems)
          .where(
            and(
              eq(tables.workItems.kind, "services.logs_prune"),
              eq(tables.workItems.status, "succeeded"),
              gte(tables.workItems.createdAt, since),
            ),
          )
      ).length;
    for (let i = 0; i < 200 && !(await done()); i++) await sleep(50);
    expect(await done()).toBe(1);
    // "quiet 2" is no longer its replica's newest line, so it goes now; so do the five-day-old ones.
    expect((await messages()).map(([, m]: [number, string]) => m)).toEqual([
      "new 0",
      "new 1",
      "quiet again",
      "new 2",
      "today",
    ]);
  });
});
