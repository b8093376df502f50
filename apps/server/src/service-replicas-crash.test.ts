import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPostgresDatabase, dropPostgresDatabase } from "@infera/db";
import { postgresAdminUrl, testEngine } from "@infera/testing";
import { afterAll, describe, expect, it } from "vitest";
import { type ChildServer, startChildServer, stopProcess } from "./testing/child-server.js";
import { type HttpClient, httpClient } from "./testing/http.js";
import { TEST_ADMIN } from "./testing/test-server.js";
import { createWorld } from "./testing/world.js";

/** Pids of the infera-serve processes whose arguments name `dir` (this test's replicas, nobody else's). */
function replicaPids(dir: string): number[] {
  const out = execFileSync("ps", ["-eo", "pid=,stat=,args="], { encoding: "utf8" });
  return out
    .split("\n")
    .filter((l) => l.includes("infera-serve") && l.includes(dir) && !/^\s*\d+\s+Z/.test(l))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

/**
 * Whether the process runs: a zombie (killed, not yet reaped by the server that spawned it, which
 * under load may take a moment after the replica manager saw it gone) does not.
 */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/**
 * The replica manager with real processes: the bundled infera-tiny deployed as a service gets a
 * real `infera-serve` replica that answers chat completions on its port; the server killed with -9
 * and restarted adopts it (same pid) and leaves no process no record owns; a replica killed with -9
 * is restarted (restart_count 1); stopping the service stops the process and the revision goes
 * inactive.
 */
describe("replicas of a service across a server killed with -9", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-replicas-crash-"));
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    for (const pid of replicaPids(dir)) process.kill(-pid, "SIGKILL");
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  it("starts a replica to ready, adopts it after kill -9, restarts a killed replica and stops it with the service", async () => {
    const env: Record<string, string> = {
      INFERA_PORT: "0",
      INFERA_DATA_DIR: join(dir, "data"),
      INFERA_ADMIN_EMAIL: TEST_ADMIN.email,
      INFERA_ADMIN_PASSWORD: TEST_ADMIN.password,
      INFERA_WORKER_POLL_MS: "100",
      INFERA_TEST_SYSTEM_MODEL: "1",
      INFERA_MAX_REPLICAS: "2",
      INFERA_REPLICA_STOP_GRACE_SECONDS: "5",
      // The worker says which replicas it adopted at info level.
      INFERA_TEST_LOG: "info",
      DATABASE_URL: "",
    };
    if (testEngine() === "postgres") {
      const db = `infera_test_replicas_${randomBytes(4).toString("hex")}`;
      env.DATABASE_URL = await createPostgresDatabase(postgresAdminUrl, db);
      cleanups.push(() => dropPostgresDatabase(postgresAdminUrl, db));
    }
    const start = async () => {
      const child = await startChildServer(env);
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
      name: "tiny-chat",
      exposure: "private",
      config: {
        model: { model_id: tiny, tag: "latest" },
        runtime: { kind: "llama.cpp", context_size: 256, threads: 1 },
        resources: { resource_class: "cpu-2" },
      },
    });
    expect(created.status, created.text).toBe(201);
    const serviceId = created.body.data.id as string;
    const until = async (done: (s: any) => boolean, what: string, ms = 120_000) => {
      for (const end = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 200))) {
        const res = await admin.get(`/services/${serviceId}`);
        if (res.status === 200 && done(res.body.data)) return res.body.data;
        if (Date.now() > end)
          throw new Error(`${what}: ${res.text.slice(0, 1500)}\n${server.output().slice(-3000)}`);
      }
    };
    const readyReplica = (s: any) => s.replicas.find((r: any) => r.state === "ready");

    // Pending → downloading → starting → ready, each state timed; a replica answers on its port.
    let svc = await until((s) => s.current_state === "ready" && readyReplica(s), "ready");
    const first = readyReplica(svc);
    expect(first.pid).toBeGreaterThan(0);
    expect(svc.revisions[0].durations.map((d: any) => d.state)).toEqual([
      "pending",
      "downloading",
      "starting",
      "ready",
    ]);
    // Ports and pids are internal: a developer sees the replica, not where it runs.
    const seen = (await dev().get(`/services/${serviceId}`)).body.data.replicas;
    expect(seen).toMatchObject([{ id: first.id, state: "ready", pid: null, port: null }]);
    const chat = await fetch(`http://127.0.0.1:${first.port}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ messages: [{ role: "user", content: "hello" }], max_tokens: 4, temperature: 0 }),
    });
    expect(chat.status).toBe(200);
    const answer = (await chat.json()) as { choices: { message: { role: string } }[] };
    expect(answer.choices[0]!.message.role).toBe("assistant");
    expect(replicaPids(dir)).toEqual([first.pid]);

    // kill -9 of the server: the replica runs on; the restarted server adopts it.
    server.proc.kill("SIGKILL");
    await new Promise((r) => server.proc.once("exit", r));
    expect(alive(first.pid)).toBe(true);
    server = await start();
    admin = httpClient(server.url!, { token: w.admin.token });
    // The new worker's first pass found the replica alive, answering on its port, and kept it.
    await server.waitFor(new RegExp(`"replica":"${first.id}".*"msg":"replica adopted"`), 60_000);
    svc = await until((s) => s.current_state === "ready" && readyReplica(s), "ready after restart");
    expect(readyReplica(svc)).toMatchObject({ id: first.id, pid: first.pid, restart_count: 0 });
    expect(replicaPids(dir)).toEqual([first.pid]);

    // The replica itself killed with -9: restarted on the same row, counted.
    process.kill(-first.pid, "SIGKILL");
    svc = await until(
      (s) => readyReplica(s)?.restart_count === 1 && s.current_state === "ready",
      "restarted replica ready",
    );
    const second = readyReplica(svc);
    expect(second.id).toBe(first.id);
    expect(second.pid).not.toBe(first.pid);
    expect(second.last_error).toBeTruthy();
    expect(replicaPids(dir)).toEqual([second.pid]);

    // Stop: the process is gone, the revision inactive, no replica left.
    const stopped = await dev().post(`/services/${serviceId}/stop`, {});
    expect(stopped.status, stopped.text).toBe(200);
    svc = await until((s) => s.revisions[0].current_state === "inactive" && !s.replicas.length, "inactive");
    expect(alive(second.pid)).toBe(false);
    expect(replicaPids(dir)).toEqual([]);

    // Its logs went to the database across both kills (decision 0029): both runs of the replica,
    // each line once, in order; the clean stop's last words shipped before the row was stopped.
    const logs = await dev().get(`/services/${serviceId}/logs?limit=1000`);
    expect(logs.status, logs.text).toBe(200);
    const lines = logs.body.data as { seq: number; replica_id: string; message: string }[];
    const count = (m: string) => lines.filter((l) => l.message === m).length;
    expect([count("listening"), count("ready"), count("stopping"), count("stopped")]).toEqual([2, 2, 1, 1]);
    expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i + 1));
    expect(new Set(lines.map((l) => l.replica_id))).toEqual(new Set([first.id]));
    await stopProcess(server.proc, "SIGTERM");
  }, 300_000);
});
