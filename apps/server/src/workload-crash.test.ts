import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPostgresDatabase, dropPostgresDatabase, eq, openDatabase, tables } from "@infera/db";
import { postgresAdminUrl, testEngine } from "@infera/testing";
import { afterAll, describe, expect, it } from "vitest";
import { type ChildServer, startChildServer, stopProcess } from "./testing/child-server.js";
import { TEST_ADMIN } from "./testing/test-server.js";

/**
 * `kill -9` of a process in the middle of a job: its lease runs out (test.slow's lease is 1.5 s; the
 * catalog's are 30–60 s) and the job runs again, to the end, as attempt 2.
 */
describe("a worker killed with -9 in the middle of a job", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-workload-crash-"));
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  async function environment(name: string): Promise<Record<string, string>> {
    const env: Record<string, string> = {
      INFERA_PORT: "0",
      INFERA_DATA_DIR: join(dir, name),
      INFERA_ADMIN_EMAIL: TEST_ADMIN.email,
      INFERA_ADMIN_PASSWORD: TEST_ADMIN.password,
      INFERA_WORKER_POLL_MS: "100",
      INFERA_WORKER_GRACE_SECONDS: "1",
      INFERA_TEST_SLOW_JOB: "1",
      DATABASE_URL: "",
    };
    if (testEngine() === "postgres") {
      const db = `infera_test_jobcrash_${randomBytes(4).toString("hex")}`;
      env.DATABASE_URL = await createPostgresDatabase(postgresAdminUrl, db);
      cleanups.push(() => dropPostgresDatabase(postgresAdminUrl, db));
    }
    return env;
  }

  const start = async (env: Record<string, string>) => {
    const child = await startChildServer(env);
    cleanups.push(() => stopProcess(child.proc, "SIGKILL"));
    return child;
  };
  const killed = async (child: ChildServer) => {
    child.proc.kill("SIGKILL");
    await new Promise((r) => child.proc.once("exit", r));
    return performance.now();
  };
  /** The work items as the database holds them once every process is gone (PGlite: its folder). */
  const workItems = async (env: Record<string, string>) => {
    const db = await openDatabase(
      env.DATABASE_URL
        ? { url: env.DATABASE_URL, poolSize: 1 }
        : { dataDir: join(env.INFERA_DATA_DIR!, "db") },
    );
    try {
      return await db.db.select().from(tables.workItems);
    } finally {
      await db.close();
    }
  };

  it("a restarted server takes the expired lease over and the job completes; the restart leaves nothing leased", async () => {
    const env = await environment("restart");
    const first = await start({ ...env, INFERA_TEST_ENQUEUE_SLOW: "3000" });
    const [, jobId] = await first.waitFor(/JOB (\S+) ATTEMPT 1 STARTED/);
    const killedAt = await killed(first);
    expect(first.output()).not.toMatch(/ATTEMPT 1 DONE/);

    // The restart enqueues nothing new (the idempotency key) and reclaims attempt 1's lease.
    const second = await start({ ...env, INFERA_TEST_ENQUEUE_SLOW: "3000" });
    expect(second.output()).toContain(`ENQUEUED ${jobId} existing`);
    await second.waitFor(new RegExp(`JOB ${jobId} ATTEMPT 2 STARTED`));
    const reclaimedAfter = performance.now() - killedAt;
    await second.waitFor(new RegExp(`JOB ${jobId} ATTEMPT 2 DONE`));
    await stopProcess(second.proc, "SIGTERM");
    console.log(
      `[workload-crash] kill -9 → attempt 2 started ${Math.round(reclaimedAfter)} ms later (restart included)`,
    );

    const items = await workItems(env);
    expect(items.find((i) => i.id === jobId)).toMatchObject({
      status: "succeeded",
      attempts: 2,
      leaseOwner: null,
    });
    // The restarted server left nothing leased: it saw that the killed worker of this machine was gone
    // and took over at once what it held (housekeeping it had started too), without waiting out leases.
    expect(items.filter((i) => i.status === "leased")).toEqual([]);
    expect(second.output()).toContain("took over the leases of this machine's dead workers");
  }, 120_000);

  it.skipIf(testEngine() !== "postgres")(
    "a worker on another machine takes the job over within a lease of the kill (PostgreSQL)",
    async () => {
      const env = await environment("takeover");
      const first = await start({ ...env, INFERA_TEST_ENQUEUE_SLOW: "60000" });
      const [, jobId] = await first.waitFor(/JOB (\S+) ATTEMPT 1 STARTED/);
      // A worker-only process: no port, same database.
      const other = await start({
        ...env,
        INFERA_TEST_ROLES: "worker",
        INFERA_DATA_DIR: join(dir, "takeover-2"),
      });
      expect(other.url).toBeNull();
      // It keeps polling, but the lease is held by heartbeats: attempt 1 stays the only one.
      await new Promise((r) => setTimeout(r, 2000));
      expect(other.output()).not.toMatch(/ATTEMPT/);
      const killedAt = await killed(first);
      await other.waitFor(new RegExp(`JOB ${jobId} ATTEMPT 2 STARTED`), 30_000);
      const takenOverAfter = performance.now() - killedAt;
      console.log(
        `[workload-crash] kill -9 → another worker started attempt 2 ${Math.round(takenOverAfter)} ms later (lease 1.5 s, poll 0.1 s)`,
      );
      const db = await openDatabase({ url: env.DATABASE_URL!, poolSize: 1 });
      cleanups.push(() => db.close());
      const [row] = await db.db.select().from(tables.workItems).where(eq(tables.workItems.id, jobId!));
      expect(row).toMatchObject({ status: "leased", attempts: 2 });
      expect(row?.leaseOwner).not.toBe(null);
      await stopProcess(other.proc, "SIGTERM");
      // Stopped gracefully mid-job: attempt 2 is given back, not left leased.
      const [after] = await db.db.select().from(tables.workItems).where(eq(tables.workItems.id, jobId!));
      expect(after).toMatchObject({ status: "queued", attempts: 1, leaseOwner: null });
    },
    120_000,
  );
});
