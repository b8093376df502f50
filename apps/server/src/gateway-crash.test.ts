import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPostgresDatabase, dropPostgresDatabase } from "@infera/db";
import { postgresAdminUrl, testEngine } from "@infera/testing";
import { afterAll, describe, expect, it } from "vitest";
import { type ChildServer, startChildServer, stopProcess } from "./testing/child-server.js";
import { startFixedAnswerUpstream } from "./testing/fixed-answer-upstream.js";
import { TEST_ADMIN } from "./testing/test-server.js";
import { createWorld, type World } from "./testing/world.js";

type Upstream = Awaited<ReturnType<typeof startFixedAnswerUpstream>>;

/**
 * The gateway in real server processes under load (issue 12's metering and limits tests): a process
 * killed with -9 loses no usage record of a response a client received, a SIGTERM drains and ships
 * every one (records = completed responses, exactly), and two gateway processes sharing Redis hold an
 * API key's RPM limit between them — it does not multiply with the processes.
 */
describe("the gateway in server processes", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-gateway-crash-"));
  const cleanups: (() => Promise<void>)[] = [];
  let upstream: Upstream;
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    await upstream?.close();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  async function environment(name: string): Promise<Record<string, string>> {
    upstream ??= await startFixedAnswerUpstream("fixed");
    const env: Record<string, string> = {
      // One port for every restart: the test's clients keep their address (and session).
      INFERA_PORT: String(await freePort()),
      INFERA_DATA_DIR: join(dir, name),
      INFERA_ADMIN_EMAIL: TEST_ADMIN.email,
      INFERA_ADMIN_PASSWORD: TEST_ADMIN.password,
      INFERA_MAX_REPLICAS: "0",
      INFERA_TEST_SYSTEM_MODEL: "1",
      INFERA_UPSTREAM_CHECK_SECONDS: "1",
      INFERA_WORKER_POLL_MS: "100",
      INFERA_USAGE_SEGMENT_SECONDS: "1",
      DATABASE_URL: "",
    };
    if (testEngine() === "postgres") {
      const db = `infera_test_gw_${randomBytes(4).toString("hex")}`;
      env.DATABASE_URL = await createPostgresDatabase(postgresAdminUrl, db);
      cleanups.push(() => dropPostgresDatabase(postgresAdminUrl, db));
    }
    return env;
  }
  const start = async (env: Record<string, string>) => {
    const child = await startChildServer(env, { readyTimeoutMs: 120_000 });
    cleanups.push(() => stopProcess(child.proc, "SIGKILL"));
    return child;
  };

  /** A project with an openai-compatible service on the test's upstream (ready) and a key. */
  async function setUp(url: string, key: { rpm_limit?: number } = {}) {
    const w = await createWorld(url);
    const owner = w.users.owner!.client;
    const models = await owner.get(`/projects/${w.projectId}/models?scope=system`);
    const tiny = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
    const created = await owner.post(`/projects/${w.projectId}/services`, {
      name: "bot",
      exposure: "private",
      config: {
        model: { model_id: tiny, tag: "latest" },
        runtime: { kind: "openai-compatible", base_url: upstream.baseUrl },
        resources: { resource_class: "cpu-2" },
      },
    });
    expect(created.status, created.text).toBe(201);
    for (const end = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 200))) {
      const svc = (await owner.get(`/services/${created.body.data.id}`)).body.data;
      if (svc.revisions[0].current_state === "ready") break;
      if (Date.now() > end) throw new Error("the service never became ready");
    }
    const made = await w.users.developer!.client.post(`/projects/${w.projectId}/api-keys`, {
      name: "load",
      scopes: ["inference:invoke"],
      ...key,
    });
    expect(made.status, made.text).toBe(201);
    return { w, secret: made.body.data.secret as string, keyId: made.body.data.id as string };
  }

  const call = (url: string, secret: string) =>
    fetch(`${url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "bot", messages: [{ role: "user", content: "hi" }] }),
    });

  /** `lanes` callers in a loop until one fails (the process went away); counts whole 200 answers. */
  function load(url: string, secret: string, lanes = 8) {
    let completed = 0;
    let stop = false;
    const done = Promise.all(
      Array.from({ length: lanes }, async () => {
        while (!stop) {
          try {
            const res = await call(url, secret);
            const body = (await res.json()) as { choices?: unknown[] };
            if (res.status === 200 && body.choices?.[0]) completed += 1;
          } catch {
            return; // connection refused or reset: the process is gone
          }
        }
      }),
    );
    return {
      completed: () => completed,
      stop: async () => {
        stop = true;
        await done;
      },
      done,
    };
  }

  /**
   * 2xx calls in the project's usage (the rollups the shipper writes), once they reach `atLeast` and
   * stay unchanged for 1.5 s (a replayed journal is shipped in several batches).
   */
  async function shipped2xx(w: World, atLeast: number): Promise<number> {
    let n = -1;
    let since = Date.now();
    for (const end = Date.now() + 30_000; Date.now() < end; await new Promise((r) => setTimeout(r, 250))) {
      const res = await w.users.owner!.client.get(`/projects/${w.projectId}/usage?status_class=2xx`);
      expect(res.status, res.text).toBe(200);
      const now: number = res.body.data.totals.requests;
      if (now !== n) [n, since] = [now, Date.now()];
      else if (n >= atLeast && Date.now() - since >= 1500) return n;
    }
    return n;
  }

  it("kill -9 under load loses no record of a completed response; SIGTERM ships exactly the completed ones", async () => {
    const env = await environment("crash");
    let server: ChildServer = await start(env);
    const { w, secret } = await setUp(server.url!);

    // kill -9 with calls in flight.
    const first = load(server.url!, secret);
    for (const end = Date.now() + 20_000; first.completed() < 200 && Date.now() < end; )
      await new Promise((r) => setTimeout(r, 20));
    await stopProcess(server.proc, "SIGKILL");
    await first.done;
    const completedBeforeKill = first.completed();
    expect(completedBeforeKill).toBeGreaterThanOrEqual(200);

    // The next start replays the journal the dead process left.
    server = await start(env);
    const afterKill = await shipped2xx(w, completedBeforeKill);
    // Every response a client received was journaled before its last byte; at most the calls in
    // flight at the kill (one per lane) were journaled without reaching their client.
    expect(afterKill).toBeGreaterThanOrEqual(completedBeforeKill);
    expect(afterKill).toBeLessThanOrEqual(completedBeforeKill + 8);

    // SIGTERM with calls in flight: the drain finishes them, the stop ships the journal.
    const second = load(server.url!, secret);
    const reached = afterKill;
    for (const end = Date.now() + 20_000; second.completed() < 200 && Date.now() < end; )
      await new Promise((r) => setTimeout(r, 20));
    await stopProcess(server.proc, "SIGTERM");
    await second.done;
    server = await start(env);
    const total = await shipped2xx(w, reached + second.completed());
    expect(total).toBe(reached + second.completed());
    await stopProcess(server.proc, "SIGTERM");
  }, 240_000);

  it.skipIf(testEngine() !== "postgres")(
    "INFERA_GATEWAY_PROCESSES=2: kill -9 of both processes loses no record of a completed response; SIGTERM ships exactly the completed ones",
    async () => {
      const env = {
        ...(await environment("two-processes")),
        INFERA_REDIS_URL: "redis://127.0.0.1:6379",
        INFERA_REDIS_PREFIX: `infera-test-${randomBytes(4).toString("hex")}:`,
      };
      // The API and the worker (which ships nothing of the gateway's) in one process …
      const full = await start({ ...env, INFERA_TEST_ROLES: "api,worker" });
      const { w, secret } = await setUp(full.url!);
      // … and a supervisor of two gateway processes on one port, one journal folder.
      const gatewayEnv = {
        ...env,
        INFERA_PORT: String(await freePort()),
        INFERA_DATA_DIR: join(dir, "two-processes-gateway"),
        INFERA_TEST_ROLES: "gateway",
        INFERA_GATEWAY_PROCESSES: "2",
      };
      let gw = await start(gatewayEnv);
      const pidsOf = (g: ChildServer) => /GATEWAY_PIDS (\S+)/.exec(g.output())![1]!.split(",").map(Number);
      expect(pidsOf(gw)).toHaveLength(2);

      // Both processes answer (the supervisor hands connections round-robin); each journals its own.
      const first = load(gw.url!, secret);
      for (const end = Date.now() + 20_000; first.completed() < 200 && Date.now() < end; )
        await new Promise((r) => setTimeout(r, 20));
      const journal = join(dir, "two-processes-gateway", "usage-journal");
      const writers = new Set(
        readdirSync(journal)
          .map((n) => /^\d{13}-(\d+)-/.exec(n)?.[1])
          .filter(Boolean),
      );
      expect(writers.size).toBe(2);
      // kill -9 of every gateway process, then of the supervisor.
      for (const pid of pidsOf(gw)) process.kill(pid, "SIGKILL");
      await stopProcess(gw.proc, "SIGKILL");
      await first.done;
      const completedBeforeKill = first.completed();
      expect(completedBeforeKill).toBeGreaterThanOrEqual(200);

      // The next start's processes replay the dead processes' open segments.
      gw = await start(gatewayEnv);
      const afterKill = await shipped2xx(w, completedBeforeKill);
      expect(afterKill).toBeGreaterThanOrEqual(completedBeforeKill);
      expect(afterKill).toBeLessThanOrEqual(completedBeforeKill + 8);

      // SIGTERM to the supervisor: each process drains its calls and ships its journal.
      const second = load(gw.url!, secret);
      for (const end = Date.now() + 20_000; second.completed() < 200 && Date.now() < end; )
        await new Promise((r) => setTimeout(r, 20));
      await stopProcess(gw.proc, "SIGTERM");
      await second.done;
      expect(readdirSync(journal).filter((n) => /\.(open|sealed)$/.test(n))).toEqual([]);
      const total = await shipped2xx(w, afterKill + second.completed());
      expect(total).toBe(afterKill + second.completed());
      await stopProcess(full.proc, "SIGTERM");
    },
    240_000,
  );

  it.skipIf(testEngine() !== "postgres")(
    "two gateway processes sharing Redis hold a key's RPM limit between them, and both hear its revoke within a second",
    async () => {
      const env = {
        ...(await environment("redis")),
        INFERA_REDIS_URL: "redis://127.0.0.1:6379",
        INFERA_REDIS_PREFIX: `infera-test-${randomBytes(4).toString("hex")}:`,
      };
      const full = await start(env);
      const { w, secret, keyId } = await setUp(full.url!, { rpm_limit: 10 });
      // A second process on the same database and Redis serving only /v1.
      const gatewayOnly = await start({
        ...env,
        INFERA_PORT: String(await freePort()),
        INFERA_DATA_DIR: join(dir, "redis-gateway"),
        INFERA_TEST_ROLES: "gateway",
      });
      const urls = [full.url!, gatewayOnly.url!];
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => call(urls[i % 2]!, secret)));
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(20);
      const refused = answers.find((r) => r.status === 429)!;
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("rate_limit_exceeded");
      // Each process admitted some of the ten: the limit was shared, not held per process.
      const perProcess = urls.map((_, k) => answers.filter((r, i) => i % 2 === k && r.status === 200).length);
      expect(perProcess[0]! + perProcess[1]!).toBe(10);

      // A revoke reaches both processes' key caches (LISTEN/NOTIFY) within a second.
      const revoked = await w.users.developer!.client.post(`/api-keys/${keyId}/revoke`, {
        confirm_name: "load",
      });
      expect(revoked.status, revoked.text).toBe(200);
      const at = Date.now();
      for (const url of urls) {
        let status = (await call(url, secret)).status;
        while (status !== 401 && Date.now() - at < 1000) {
          await new Promise((r) => setTimeout(r, 20));
          status = (await call(url, secret)).status;
        }
        expect(status, `${url} refused the revoked key within a second`).toBe(401);
      }
    },
    180_000,
  );
});

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}
