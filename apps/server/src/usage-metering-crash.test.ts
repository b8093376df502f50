import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPostgresDatabase, dropPostgresDatabase, openDatabase, sql } from "@infera/db";
import { usageRecordNo } from "@infera/gateway/testing";
import { postgresAdminUrl, testEngine } from "@infera/testing";
import { afterAll, describe, expect, it } from "vitest";
import { startChildServer, stopProcess } from "./testing/child-server.js";
import { TEST_ADMIN } from "./testing/test-server.js";

/**
 * The gateway's meter inside a real server process: a graceful stop ships everything journaled, and
 * a process killed with -9 while recording loses no record whose `record()` returned — the next start
 * replays the journal it left. Calls are stood in for by `INFERA_TEST_RECORD_USAGE` (server-process.ts)
 * until the gateway's routes exist.
 */
describe("usage metering in a server process", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-usage-crash-"));
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
      INFERA_MAX_REPLICAS: "0",
      DATABASE_URL: "",
    };
    if (testEngine() === "postgres") {
      const db = `infera_test_usage_${randomBytes(4).toString("hex")}`;
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
  /** What the database holds once every process is gone: the ids, and rollups beside the records' sums. */
  async function stored(env: Record<string, string>) {
    const db = await openDatabase(
      env.DATABASE_URL
        ? { url: env.DATABASE_URL, poolSize: 1 }
        : { dataDir: join(env.INFERA_DATA_DIR!, "db") },
    );
    const rows = async <T>(q: ReturnType<typeof sql>) =>
      ((await db.db.execute(q)) as unknown as { rows: T[] }).rows;
    try {
      return {
        ids: (await rows<{ id: string }>(sql`select id from usage_records order by id`)).map((r) => r.id),
        rollups: await rows(sql`select minute, api_key_id, revision_id, status_code, requests::int,
          prompt_tokens::int, completion_tokens::int, round(latency_ms_sum::numeric, 3) as latency
          from usage_minutes order by 1, 2, 3, 4`),
        sums: await rows(sql`select date_trunc('minute', at) as minute, api_key_id, revision_id, status_code,
          count(*)::int as requests, sum(prompt_tokens)::int as prompt_tokens,
          sum(completion_tokens)::int as completion_tokens, round(sum(latency_ms)::numeric, 3) as latency
          from usage_records group by 1, 2, 3, 4 order by 1, 2, 3, 4`),
      };
    } finally {
      await db.close();
    }
  }
  const expectedIds = (n: number) => Array.from({ length: n }, (_, i) => usageRecordNo(i).id);
  const segmentsLeft = (env: Record<string, string>) =>
    readdirSync(join(env.INFERA_DATA_DIR!, "usage-journal"));

  it("SIGTERM seals and ships the open journal segment before the process exits", async () => {
    const env = await environment("sigterm");
    // Segments are sealed by age only after an hour here: only the stop can ship the open one.
    const child = await start({
      ...env,
      INFERA_TEST_RECORD_USAGE: "1500",
      INFERA_USAGE_SEGMENT_SECONDS: "3600",
    });
    await child.waitFor(/^RECORDED 1500$/m);
    expect(segmentsLeft(env).filter((f) => f.endsWith(".open"))).toHaveLength(1);
    const exited = new Promise<number | null>((r) => child.proc.once("exit", (code) => r(code)));
    await stopProcess(child.proc, "SIGTERM");
    expect(await exited).toBe(0);
    expect(segmentsLeft(env)).toEqual([]);
    const { ids, rollups, sums } = await stored(env);
    expect(ids).toEqual(expectedIds(1500));
    expect(rollups).toEqual(sums);
  }, 120_000);

  it("kill -9 while recording loses no completed record; the next start replays the journal once", async () => {
    const env = await environment("kill");
    const first = await start({ ...env, INFERA_TEST_RECORD_USAGE: "-1" });
    await first.waitFor(/^RECORDED [3-9]\d{3}$/m);
    first.proc.kill("SIGKILL");
    await new Promise((r) => first.proc.once("exit", r));
    const acknowledged = Math.max(
      ...[...first.output().matchAll(/RECORDED (\d+)/g)].map((m) => Number(m[1])),
    );
    expect(segmentsLeft(env).length).toBeGreaterThan(0);

    const second = await start(env);
    await stopProcess(second.proc, "SIGTERM");
    expect(segmentsLeft(env)).toEqual([]);
    const { ids, rollups, sums } = await stored(env);
    expect(ids.length).toBeGreaterThanOrEqual(acknowledged);
    // Contiguous from the first record: nothing completed is missing, nothing is there twice.
    expect(ids).toEqual(expectedIds(ids.length));
    expect(rollups).toEqual(sums);
  }, 120_000);
});
