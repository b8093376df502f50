import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabaseQueue, insertEvaluationRun, pickSubset, type TxContext } from "@infera/core";
import { asc, createPostgresDatabase, dropPostgresDatabase, eq, openDatabase, tables } from "@infera/db";
import { postgresAdminUrl, testEngine } from "@infera/testing";
import { afterAll, describe, expect, it } from "vitest";
import { putText } from "./routes/datasets/dataset-test-helpers.js";
import { type ChildServer, startChildServer, stopProcess } from "./testing/child-server.js";
import { TEST_ADMIN } from "./testing/test-server.js";
import { createWorld } from "./testing/world.js";

const TEST_SPLIT = new URL(
  "../../../packages/runtimes/assets/examples/support-routing/test.jsonl",
  import.meta.url,
);
const SAMPLES = 40;

/** Pids of live infera-serve processes whose arguments name `dir`. */
function replicaPids(dir: string): number[] {
  return execFileSync("ps", ["-eo", "pid=,stat=,args="], { encoding: "utf8" })
    .split("\n")
    .filter((l) => l.includes("infera-serve") && l.includes(dir) && !/^\s*\d+\s+Z/.test(l))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

/**
 * `kill -9` of the server while an evaluation run generates: its private replica is left behind
 * (another process group), the restarted server reaps it, takes the run over and generates only
 * the missing samples: every sample of the seeded subset exactly once, those written before the
 * kill unchanged.
 */
describe("a server killed with -9 while an evaluation run generates", () => {
  const dir = mkdtempSync(join(tmpdir(), "infera-eval-crash-"));
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    for (const pid of replicaPids(dir)) process.kill(-pid, "SIGKILL");
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  it("finishes the run after a restart with every sample exactly once", async () => {
    const env: Record<string, string> = {
      INFERA_PORT: "0",
      INFERA_DATA_DIR: join(dir, "data"),
      INFERA_ADMIN_EMAIL: TEST_ADMIN.email,
      INFERA_ADMIN_PASSWORD: TEST_ADMIN.password,
      INFERA_WORKER_POLL_MS: "100",
      INFERA_TEST_SYSTEM_MODEL: "1",
      INFERA_TEST_LOG: "info",
      DATABASE_URL: "",
    };
    if (testEngine() === "postgres") {
      const db = `infera_test_evalcrash_${randomBytes(4).toString("hex")}`;
      env.DATABASE_URL = await createPostgresDatabase(postgresAdminUrl, db);
      cleanups.push(() => dropPostgresDatabase(postgresAdminUrl, db));
    }
    const start = async () => {
      const child = await startChildServer(env, { readyTimeoutMs: 120_000 });
      cleanups.push(() => stopProcess(child.proc, "SIGKILL"));
      return child;
    };
    // The database between two processes (PGlite's folder is one process's at a time).
    const withDb = async <T>(fn: (db: any) => Promise<T>): Promise<T> => {
      const h = await openDatabase(
        env.DATABASE_URL
          ? { url: env.DATABASE_URL, poolSize: 2 }
          : { dataDir: join(env.INFERA_DATA_DIR!, "db") },
      );
      try {
        return await fn(h.db);
      } finally {
        await h.close();
      }
    };

    // A world and the example test split as a dataset version, through the API.
    let server: ChildServer = await start();
    const w = await createWorld(server.url!);
    const dev = w.users.developer!.client;
    const models = await dev.get(`/projects/${w.projectId}/models?scope=system`);
    const tiny = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id as string;
    const d = await dev.post(`/projects/${w.projectId}/datasets`, { name: "support-test" });
    const sha256 = await putText(dev, w.projectId, readFileSync(TEST_SPLIT));
    const v = await dev.post(`/datasets/${d.body.data.id}/versions`, {
      files: [{ sha256, name: "test.jsonl" }],
    });
    expect(v.status, v.text).toBe(201);
    await stopProcess(server.proc, "SIGTERM");

    // The run as the create route writes it (queued, with its job), from this process.
    const runId = await withDb(async (db) => {
      const [version] = await db
        .select({ id: tables.modelVersions.id })
        .from(tables.modelVersions)
        .where(eq(tables.modelVersions.modelId, tiny));
      const queue = createDatabaseQueue({ db });
      return db.transaction((txDb: any) =>
        insertEvaluationRun(
          { db: txDb, now: () => new Date(), queue, inTransaction: true } as unknown as TxContext,
          {
            tenantId: w.tenantId,
            projectId: w.projectId,
            kind: "automatic",
            name: "crash",
            targets: [
              {
                key: "a",
                kind: "model_version",
                model_id: tiny,
                model_version_id: version.id,
                service_id: null,
                revision_id: null,
                label: "infera-tiny:latest",
                role: "evaluated",
              },
            ],
            datasetId: d.body.data.id,
            datasetVersionId: v.body.data.id,
            config: {
              sample_limit: SAMPLES,
              seed: 42,
              metrics: [{ name: "exact_match" }],
              generation: { temperature: 0, top_p: 1, max_tokens: 16 },
            },
            createdBy: w.users.developer!.id,
          },
        ),
      );
    });

    server = await start();
    await server.waitFor(
      /"samplesDone":(?:[89]|\d\d)\b.*evaluation batch written|evaluation batch written.*"samplesDone":(?:[89]|\d\d)\b/,
      180_000,
    );
    server.proc.kill("SIGKILL");
    await new Promise((r) => server.proc.once("exit", r));
    const workspace = join(env.INFERA_DATA_DIR!, "workspaces", "evaluations");
    // The killed server's replica lives on in its own process group.
    expect(replicaPids(workspace).length).toBe(1);
    const before = await withDb(async (db) => ({
      run: (await db.select().from(tables.evaluationRuns).where(eq(tables.evaluationRuns.id, runId)))[0],
      samples: await db
        .select()
        .from(tables.evaluationSamples)
        .where(eq(tables.evaluationSamples.runId, runId))
        .orderBy(asc(tables.evaluationSamples.index)),
    }));
    expect(before.run.status).toBe("running");
    expect(before.samples.length).toBeGreaterThanOrEqual(8);
    expect(before.samples.length).toBeLessThan(SAMPLES);

    server = await start();
    await server.waitFor(/evaluation run ended/, 180_000);
    await stopProcess(server.proc, "SIGTERM");
    expect(replicaPids(workspace)).toEqual([]);

    const after = await withDb(async (db) => ({
      run: (await db.select().from(tables.evaluationRuns).where(eq(tables.evaluationRuns.id, runId)))[0],
      samples: await db
        .select()
        .from(tables.evaluationSamples)
        .where(eq(tables.evaluationSamples.runId, runId))
        .orderBy(asc(tables.evaluationSamples.index)),
    }));
    expect(after.run).toMatchObject({
      status: "succeeded",
      samplesTotal: SAMPLES,
      samplesDone: SAMPLES,
      error: null,
    });
    const lines = readFileSync(TEST_SPLIT, "utf8").trim().split("\n");
    const subset = pickSubset(
      lines.map((_, index) => ({ index })),
      SAMPLES,
      42,
    ).map((r) => r.index);
    expect(after.samples.map((s: { index: number }) => s.index)).toEqual(subset);
    expect(after.samples.every((s: { output: string | null }) => typeof s.output === "string")).toBe(true);
    // What was written before the kill is what is there now.
    for (const s of before.samples)
      expect(after.samples.find((x: { index: number }) => x.index === s.index)).toEqual(s);
    expect((after.run.summary as any).metrics.a.exact_match.n).toBe(SAMPLES);
    console.log(
      `[evaluation-crash] killed with ${before.samples.length}/${SAMPLES} samples written; the restart generated the other ${SAMPLES - before.samples.length}`,
    );
  }, 600_000);
});
