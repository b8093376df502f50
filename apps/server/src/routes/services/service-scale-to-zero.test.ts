import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { databaseServiceLoad } from "@infera/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_MODEL_DIR, type RunningServer } from "../../main.js";
import type { HttpClient } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";

/** Pids of the live infera-serve processes whose arguments name `dir`. */
function replicaPids(dir: string): number[] {
  return execFileSync("ps", ["-eo", "pid=,stat=,args="], { encoding: "utf8" })
    .split("\n")
    .filter((l) => l.includes("infera-serve") && l.includes(dir) && !/^\s*\d+\s+Z/.test(l))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

/**
 * Scale to zero with a real replica of the bundled infera-tiny: with no load its replica stops
 * after `scale_down_delay_seconds` (1 s here) and the revision goes inactive (`scaled_to_zero`);
 * a demand through the `ServiceLoad` port, as the gateway's first request will make, starts it again
 * to ready, answering chat, and the `cold_start` event says how long that took.
 */
describe("scale to zero and back on demand", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-scale-to-zero-"));
  let server: RunningServer;
  let w: World;
  let owner: HttpClient;
  let tiny: string;

  beforeAll(async () => {
    server = await startTestServer(
      { INFERA_DATA_DIR: dir, INFERA_MAX_REPLICAS: "2", INFERA_WORKER_POLL_MS: "100" },
      { systemModelDir: BUNDLED_MODEL_DIR },
    );
    w = await createWorld(server.url!);
    owner = w.users.owner!.client;
    const models = await owner.get(`/projects/${w.projectId}/models?scope=system`);
    tiny = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
  });
  afterAll(async () => {
    await server?.stop();
    for (const pid of replicaPids(dir)) process.kill(-pid, "SIGKILL");
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  it("stops the idle replica after the delay and cold-starts it on demand, timing it", async () => {
    const created = await owner.post(`/projects/${w.projectId}/services`, {
      name: "sleepy",
      exposure: "private",
      config: {
        model: { model_id: tiny, tag: "latest" },
        runtime: { kind: "llama.cpp", context_size: 256, threads: 1 },
        resources: { resource_class: "cpu-2" },
        autoscaling: { min_replicas: 0, max_replicas: 1, scale_to_zero: true, scale_down_delay_seconds: 1 },
      },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.data.id as string;
    const revisionId = created.body.data.revisions[0].id as string;
    const until = async (done: (s: any) => boolean, what: string) => {
      for (const end = Date.now() + 120_000; ; await new Promise((r) => setTimeout(r, 200))) {
        const res = await w.admin.get(`/services/${id}`);
        if (res.status === 200 && done(res.body.data)) return res.body.data;
        if (Date.now() > end) throw new Error(`${what}: ${res.text.slice(0, 2000)}`);
      }
    };
    const events = async () => (await w.admin.get(`/services/${id}/events`)).body.data as any[];
    const ready = (s: any) => s.replicas.find((r: any) => r.state === "ready");

    // A new revision starts one replica (it proves it loads), then, idle, goes to zero.
    await until((s) => s.revisions[0].current_state === "ready" && ready(s), "first replica ready");
    let svc = await until(
      (s) => s.revisions[0].current_state === "inactive" && !s.replicas.length,
      "scaled to zero",
    );
    expect(svc.revisions[0].durations.map((d: any) => d.state)).toEqual([
      "pending",
      "downloading",
      "starting",
      "ready",
      "inactive",
    ]);
    expect((await events()).find((e) => e.type === "scaled_to_zero")).toMatchObject({
      revision_id: revisionId,
      data: { from: 1, to: 0 },
    });
    expect(replicaPids(dir)).toEqual([]);

    // The gateway's first request: in flight while it waits, and a demand.
    const load = databaseServiceLoad(server.systemCtx);
    await load.report({ revisionId, source: "test-gateway", inFlight: 1, requestsPerSecond: 0 });
    const asked = Date.now();
    expect(await load.demand(revisionId)).toEqual({ coldStart: true });
    svc = await until((s) => s.revisions[0].current_state === "ready" && ready(s), "ready again on demand");
    const waited = Date.now() - asked;
    const replica = ready(svc);
    expect(replicaPids(dir)).toEqual([replica.pid]);
    const chat = await fetch(`http://127.0.0.1:${replica.port}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ messages: [{ role: "user", content: "hello" }], max_tokens: 4, temperature: 0 }),
    });
    expect(chat.status).toBe(200);

    // The cold start is recorded with its latency, demand → ready, within what the test waited.
    let cold: any;
    for (let i = 0; i < 100 && !cold; i++) {
      cold = (await events()).find((e) => e.type === "cold_start");
      if (!cold) await new Promise((r) => setTimeout(r, 200));
    }
    expect(cold).toMatchObject({ revision_id: revisionId, data: { replica_id: replica.id } });
    expect(cold.data.latency_ms).toBeGreaterThan(0);
    expect(cold.data.latency_ms).toBeLessThanOrEqual(waited + 1000);
    expect(cold.message).toMatch(/started from zero on demand/);

    // The request done and nothing else coming: back to zero after the delay.
    await load.report({ revisionId, source: "test-gateway", inFlight: 0, requestsPerSecond: 0 });
    await until((s) => s.revisions[0].current_state === "inactive" && !s.replicas.length, "zero again");
    expect((await events()).filter((e) => e.type === "scaled_to_zero")).toHaveLength(2);
    expect(replicaPids(dir)).toEqual([]);
  }, 300_000);
});
