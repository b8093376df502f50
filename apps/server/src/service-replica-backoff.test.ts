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

/** Pids of the infera-serve processes whose arguments name `dir` (this test's replicas, nobody else's). */
function replicaPids(dir: string): number[] {
  const out = execFileSync("ps", ["-eo", "pid=,stat=,args="], { encoding: "utf8" });
  return out
    .split("\n")
    .filter((l) => l.includes("infera-serve") && l.includes(dir) && !/^\s*\d+\s+Z/.test(l))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

/**
 * Restart backoff with a real replica: a replica killed with -9 is not restarted at once but waits
 * its backoff (3 s here: `restart_at`, without pid or port, its revision back to starting); the
 * server killed with -9 during the wait and started again keeps that time (the new process is
 * spawned after it); a crash after the last allowed restart fails the revision with the error.
 */
describe("a crashed replica's restart backoff across a server killed with -9", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-replica-backoff-"));
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    for (const pid of replicaPids(dir)) process.kill(-pid, "SIGKILL");
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  it("waits out the stored backoff, even across a restart of the server, then fails after the last restart", async () => {
    const backoffMs = 3000;
    const env: Record<string, string> = {
      INFERA_PORT: "0",
      INFERA_DATA_DIR: join(dir, "data"),
      INFERA_ADMIN_EMAIL: TEST_ADMIN.email,
      INFERA_ADMIN_PASSWORD: TEST_ADMIN.password,
      INFERA_WORKER_POLL_MS: "100",
      INFERA_TEST_SYSTEM_MODEL: "1",
      INFERA_MAX_REPLICAS: "2",
      INFERA_REPLICA_STOP_GRACE_SECONDS: "5",
      INFERA_REPLICA_RESTART_BACKOFF_MS: String(backoffMs),
      INFERA_REPLICA_MAX_RESTARTS: "1",
      DATABASE_URL: "",
    };
    if (testEngine() === "postgres") {
      const db = `infera_test_backoff_${randomBytes(4).toString("hex")}`;
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
    const models = await admin.get(`/projects/${w.projectId}/models?scope=system`);
    const tiny = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
    const created = await w.users.owner!.client.post(`/projects/${w.projectId}/services`, {
      name: "crashy",
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
      for (const end = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 100))) {
        const res = await admin.get(`/services/${serviceId}`);
        if (res.status === 200 && done(res.body.data)) return res.body.data;
        if (Date.now() > end)
          throw new Error(`${what}: ${res.text.slice(0, 6000)}\n${server.output().slice(-8000)}`);
      }
    };
    const readyReplica = (s: any) => s.replicas.find((r: any) => r.state === "ready");
    let svc = await until((s) => s.current_state === "ready" && readyReplica(s), "ready");
    const first = readyReplica(svc);

    // Killed: the next pass finds it and schedules its restart instead of starting it at once.
    const killedAt = Date.now();
    process.kill(-first.pid, "SIGKILL");
    svc = await until((s) => s.replicas[0]?.restart_at != null, "restart scheduled");
    const waiting = svc.replicas[0];
    expect(waiting).toMatchObject({
      id: first.id,
      state: "starting",
      pid: null,
      port: null,
      restart_count: 0,
    });
    expect(waiting.last_error).toBeTruthy();
    const restartAt = Date.parse(waiting.restart_at);
    expect(restartAt).toBeGreaterThanOrEqual(killedAt + backoffMs);
    expect(svc.revisions[0].current_state).toBe("starting");
    expect(replicaPids(dir)).toEqual([]);

    // The server killed with -9 while the replica waits; the next one keeps the stored time.
    server.proc.kill("SIGKILL");
    await new Promise((r) => server.proc.once("exit", r));
    server = await start();
    admin = httpClient(server.url!, { token: w.admin.token });
    svc = await until(
      (s) => readyReplica(s)?.restart_count === 1 && s.current_state === "ready",
      "restarted",
    );
    const second = readyReplica(svc);
    expect(second.id).toBe(first.id);
    expect(second.restart_at).toBeNull();
    expect(Date.parse(second.started_at)).toBeGreaterThanOrEqual(restartAt);
    expect(replicaPids(dir)).toEqual([second.pid]);

    // Its one restart used: the next crash fails the revision with the runtime's error.
    process.kill(-second.pid, "SIGKILL");
    svc = await until((s) => s.revisions[0].current_state === "failed", "failed");
    expect(svc.revisions[0].failure_reason).toBeTruthy();
    expect(replicaPids(dir)).toEqual([]);
    await stopProcess(server.proc, "SIGTERM");
  }, 300_000);
});
