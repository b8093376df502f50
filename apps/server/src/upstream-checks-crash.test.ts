import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPostgresDatabase, dropPostgresDatabase, inArray, openDatabase, tables } from "@infera/db";
import { postgresAdminUrl, testEngine } from "@infera/testing";
import { afterAll, describe, expect, it } from "vitest";
import { type ChildServer, startChildServer, stopProcess } from "./testing/child-server.js";
import { httpClient } from "./testing/http.js";
import { TEST_ADMIN } from "./testing/test-server.js";
import { createWorld } from "./testing/world.js";

/**
 * An upstream scripted per revision (its base URL's path names it): `ok` answers a model list;
 * otherwise it answers HTTP 500 `failures` times, then holds every later request open without an
 * answer — a check in flight, which the test ends by killing the server.
 */
function scriptedUpstream() {
  const script = new Map<string, { ok: boolean; failures: number }>();
  const held = new Map<string, ServerResponse[]>();
  const server = createServer((req, res) => {
    const name = req.url!.split("/")[1]!;
    const s = script.get(name) ?? { ok: false, failures: 0 };
    if (s.ok) {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify({ object: "list", data: [{ id: name }] }));
    }
    if (s.failures > 0) {
      s.failures--;
      res.writeHead(500, { "content-type": "application/json" });
      return res.end(JSON.stringify({ error: { message: "upstream overloaded" } }));
    }
    held.set(name, [...(held.get(name) ?? []), res]);
  });
  return {
    server,
    /** What each revision's upstream does from now on; requests held so far are dropped. */
    set(name: string, s: { ok: boolean; failures?: number }) {
      script.set(name, { ok: s.ok, failures: s.failures ?? 0 });
      for (const res of held.get(name) ?? []) res.destroy();
      held.set(name, []);
    },
    held: (name: string) => held.get(name)?.length ?? 0,
  };
}

/**
 * `services.check_upstreams` cut off by kill -9 in the middle of its checks (the upstream holds the
 * requests open, so every check of the round is in flight): a check writes its outcome only when it
 * has one, in one transaction, so the killed round leaves each revision as the last committed check
 * left it — a ready revision ready, a starting one starting, the failure count what the answered
 * checks made it — and the next process goes on counting from there: a revision fails after
 * exactly three failed checks in a row across the restarts, and comes back once its upstream answers.
 */
describe("upstream checks across a server killed with -9 mid-check", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-upstream-crash-"));
  const upstream = scriptedUpstream();
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    upstream.server.closeAllConnections();
    upstream.server.close();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  it("leaves every revision as its last answered check left it, and counts failures on across restarts", async () => {
    await new Promise<void>((r) => upstream.server.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(upstream.server.address() as AddressInfo).port}`;
    const env: Record<string, string> = {
      INFERA_PORT: "0",
      INFERA_DATA_DIR: join(dir, "data"),
      INFERA_ADMIN_EMAIL: TEST_ADMIN.email,
      INFERA_ADMIN_PASSWORD: TEST_ADMIN.password,
      INFERA_WORKER_POLL_MS: "100",
      INFERA_TEST_SYSTEM_MODEL: "1",
      INFERA_UPSTREAM_CHECK_SECONDS: "1",
      DATABASE_URL: "",
    };
    if (testEngine() === "postgres") {
      const name = `infera_test_upstream_${randomBytes(4).toString("hex")}`;
      env.DATABASE_URL = await createPostgresDatabase(postgresAdminUrl, name);
      cleanups.push(() => dropPostgresDatabase(postgresAdminUrl, name));
    }
    const start = async () => {
      const child = await startChildServer(env);
      cleanups.push(() => stopProcess(child.proc, "SIGKILL"));
      return child;
    };
    const kill = async (child: ChildServer) => {
      child.proc.kill("SIGKILL");
      await new Promise((r) => child.proc.once("exit", r));
    };
    /**
     * Held requests of every named revision: each has a check in flight. Then a moment more: a check
     * job started by a write may overlap the scheduled one, so an answered check (a counted failure)
     * can still be committing while the other's request is already held; once every request is held
     * nothing can change any more, and the kill's outcome is the one to check.
     */
    const inFlight = async (names: string[], what: string) => {
      for (const end = Date.now() + 30_000; !names.every((n) => upstream.held(n) > 0); ) {
        if (Date.now() > end) throw new Error(`no check in flight for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, 2000));
    };
    /** The revisions as the database holds them once the server is gone (PGlite: its folder). */
    const stored = async (ids: string[]) => {
      const handle = await openDatabase(
        env.DATABASE_URL
          ? { url: env.DATABASE_URL, poolSize: 1 }
          : { dataDir: join(env.INFERA_DATA_DIR!, "db") },
      );
      try {
        const r = tables.serviceRevisions;
        const rows = await handle.db
          .select({
            id: r.id,
            state: r.currentState,
            failures: r.upstreamFailures,
            reason: r.failureReason,
          })
          .from(r)
          .where(inArray(r.id, ids));
        return Object.fromEntries(rows.map((row) => [row.id, row]));
      } finally {
        await handle.close();
      }
    };

    let server = await start();
    const w = await createWorld(server.url!);
    const owner = w.users.owner!.client;
    const models = await owner.get(`/projects/${w.projectId}/models?scope=system`);
    const tiny = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
    const create = async (name: string) => {
      const res = await owner.post(`/projects/${w.projectId}/services`, {
        name,
        exposure: "private",
        config: {
          model: { model_id: tiny, tag: "latest" },
          runtime: { kind: "openai-compatible", base_url: `${base}/${name}` },
          resources: { resource_class: "cpu-2" },
        },
      });
      expect(res.status, res.text).toBe(201);
      return { id: res.body.data.id as string, revision: res.body.data.revisions[0].id as string };
    };
    const stateOf = async (svc: { id: string; revision: string }) => {
      const res = await httpClient(server.url!, { token: w.admin.token }).get(`/services/${svc.id}`);
      expect(res.status, res.text).toBe(200);
      return res.body.data.revisions.find((r: any) => r.id === svc.revision).current_state as string;
    };
    const until = async (svc: { id: string; revision: string }, state: string) => {
      for (const end = Date.now() + 60_000; (await stateOf(svc)) !== state; ) {
        if (Date.now() > end)
          throw new Error(`${svc.revision} never ${state}:\n${server.output().slice(-4000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    // A is ready; then one check fails (counted), the next hangs. B is new: its first check hangs.
    upstream.set("svc-a", { ok: true });
    const a = await create("svc-a");
    await until(a, "ready");
    upstream.set("svc-a", { ok: false, failures: 1 });
    upstream.set("svc-b", { ok: false });
    const b = await create("svc-b");
    await inFlight(["svc-a", "svc-b"], "a after its failure, and b");
    await kill(server);
    let rows = await stored([a.revision, b.revision]);
    // Nothing half-written: A still ready with its one answered failure, B starting, counting none.
    expect(rows[a.revision]).toMatchObject({ state: "ready", failures: 1, reason: null });
    expect(rows[b.revision]).toMatchObject({ state: "starting", failures: 0 });

    // The next process counts on from the stored failures: two more fail A (three in a row), B
    // (its killed check never counted) is at two and still starting.
    upstream.set("svc-a", { ok: false, failures: 2 });
    upstream.set("svc-b", { ok: false, failures: 2 });
    server = await start();
    await inFlight(["svc-a", "svc-b"], "both after two failures");
    await kill(server);
    rows = await stored([a.revision, b.revision]);
    expect(rows[a.revision]).toMatchObject({ state: "failed", failures: 3 });
    expect(rows[a.revision]!.reason).toMatch(/HTTP 500/);
    expect(rows[b.revision]).toMatchObject({ state: "starting", failures: 2 });

    // Upstreams answering again: both ready, counters back to zero, nothing left starting.
    upstream.set("svc-a", { ok: true });
    upstream.set("svc-b", { ok: true });
    server = await start();
    await until(a, "ready");
    await until(b, "ready");
    await stopProcess(server.proc, "SIGTERM");
    rows = await stored([a.revision, b.revision]);
    expect(rows[a.revision]).toMatchObject({ state: "ready", failures: 0 });
    expect(rows[b.revision]).toMatchObject({ state: "ready", failures: 0 });
  }, 300_000);
});
