/**
 * The fine-tuning jobs list at 100,000 jobs in one project (issue 10: p95 ≤ 25 ms), over real HTTP on
 * loopback, on the embedded PGlite and on PostgreSQL. Each figure comes with baselines measured in the
 * same run: `/healthz` on the same server and the list's own SQL on the same database handle.
 *
 *   npx tsx bench/fine-tuning-list.ts       (BENCH_ENGINES=pglite or =postgres; BENCH_JOBS=100000)
 */
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { type Database, desc, eq, type SQL, sql, tables } from "@infera/db";
import { loadConfig, startServer } from "@infera/server";
import pino from "pino";
import { setupRequest as api, openBenchDatabase } from "./lib/bench-server.js";
import { writeSection } from "./lib/benchmarks-md.js";
import { measureCalls, measureHttp, type Stats } from "./lib/measure.js";

const JOBS = Number(process.env.BENCH_JOBS ?? 100_000);
const COUNT = Number(process.env.BENCH_REQUESTS ?? 400);
const WARMUP = 20;
const MAX_MS = 2_500;
const CONCURRENCY = [1, 8];
const GOAL_P95_MS = 25;
const ADMIN = { email: "bench-admin@infera.test", password: "bench-admin-password-1" };
const POSTGRES_ADMIN_URL =
  process.env.INFERA_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const engines = (process.env.BENCH_ENGINES ?? "pglite,postgres").split(",") as ("pglite" | "postgres")[];

interface Row {
  engine: string;
  figure: string;
  concurrency: number;
  http: Stats;
  healthz: Stats;
  sql: Stats;
  goal: boolean;
}
const rows: Row[] = [];
const notes: string[] = [];
const log = (msg: string) => process.stdout.write(`${msg}\n`);

/**
 * JOBS jobs over the last ~35 days, one every 30 s: 1% queued, 10% failed, 5% canceled, the rest
 * succeeded; a fifth full fine-tunes; half submitted by `me`, the rest by 19 other users. Their model
 * and dataset ids name nothing (the list reads only the jobs table).
 */
async function seedJobs(db: Database, tenantId: string, projectId: string, me: string) {
  const config = JSON.stringify({
    epochs: 3,
    batch_size: 8,
    learning_rate: 0.0002,
    max_length: 1024,
    lora: { rank: 16, alpha: 32, dropout: 0.05, target_modules: ["q_proj", "v_proj"] },
  });
  for (let from = 1; from <= JOBS; from += 20_000) {
    const to = Math.min(JOBS, from + 19_999);
    await db.execute(sql`
      insert into fine_tune_jobs (id, tenant_id, project_id, name, status, priority, config, stage, method,
        base_model_id, base_model_version_id, dataset_id, dataset_version_id, runtime, resource_class,
        artifact_type, created_by, created_at, queued_at, started_at, finished_at, updated_at)
      select 'ftj_bench' || lpad(g::text, 8, '0'), ${tenantId}, ${projectId}, 'support-router-' || g,
        case when g % 100 = 0 then 'queued' when g % 10 = 1 then 'failed' when g % 20 = 2 then 'canceled' else 'succeeded' end,
        0, ${config}::jsonb, 'sft', case when g % 5 = 0 then 'full' else 'lora' end,
        'mdl_bench', 'mv_bench', 'ds_bench', 'dsv_bench', 'infera-train', 'cpu-2', 'adapter',
        case when g % 2 = 0 then ${me} else 'usr_bench' || (g % 19) end,
        now() - (g * interval '30 seconds'), now() - (g * interval '30 seconds'),
        case when g % 100 = 0 then null else now() - (g * interval '30 seconds') + interval '5 seconds' end,
        case when g % 100 = 0 then null else now() - (g * interval '30 seconds') + interval '20 minutes' end,
        now()
      from generate_series(${from}::int, ${to}::int) g`);
  }
}

/** The list's own query for these filters (list-fine-tune-jobs.ts), for the SQL baseline. */
function listQuery(db: Database, projectId: string, filter: SQL | undefined) {
  return db.execute(sql`select * from fine_tune_jobs where project_id = ${projectId}
    ${filter ? sql`and ${filter}` : sql``} order by created_at desc, id desc limit 51`);
}

async function benchEngine(engine: "pglite" | "postgres") {
  const database = await openBenchDatabase(engine, POSTGRES_ADMIN_URL);
  const config = loadConfig({
    INFERA_PORT: "0",
    INFERA_ADMIN_EMAIL: ADMIN.email,
    INFERA_ADMIN_PASSWORD: ADMIN.password,
    INFERA_DATA_DIR: tmpdir(),
    // The seeded queued jobs name no real model: nothing may try to run them.
    INFERA_FINETUNE_MAX_CONCURRENT: "0",
  });
  const server = await startServer(config, {
    log: pino({ level: process.env.BENCH_LOG ?? "silent" }),
    database,
  });
  const db = database.db;
  try {
    const origin = server.url;
    const token: string = (await api(origin, null, "POST", "/auth/login", { ...ADMIN, issue_token: true }))
      .data.token;
    const me = await api(origin, token, "GET", "/auth/me");
    const userId: string = me.data.user.id;
    const tenantId: string = me.data.tenants[0].id;
    const project = await api(origin, token, "POST", `/tenants/${tenantId}/projects`, {
      name: "fine-tuning-history",
      env: "dev",
    });
    const projectId: string = project.data.id;
    const t0 = Date.now();
    await seedJobs(db, tenantId, projectId, userId);
    await db.execute(sql`analyze fine_tune_jobs`);
    notes.push(
      `${engine}: seeded ${JOBS.toLocaleString("en-US")} jobs in ${((Date.now() - t0) / 1000).toFixed(1)} s, then ANALYZE.`,
    );

    // The deep page starts at the middle job's cursor, as the API hands it out.
    const j = tables.fineTuneJobs;
    const [middle] = await db
      .select({ createdAt: j.createdAt, id: j.id })
      .from(j)
      .where(eq(j.projectId, projectId))
      .orderBy(desc(j.createdAt), desc(j.id))
      .offset(Math.floor(JOBS / 2))
      .limit(1);
    if (!middle) throw new Error("no middle job");
    const middleAt = middle.createdAt;
    const cursor = Buffer.from(JSON.stringify([middleAt.toISOString(), middle.id])).toString("base64url");

    const base = `/api/v1/projects/${projectId}/fine-tuning/jobs?limit=50`;
    const scenarios: { name: string; path: string; filter?: SQL; goal: boolean }[] = [
      { name: "first page", path: base, goal: true },
      {
        name: "deep page (cursor at 50%)",
        path: `${base}&cursor=${cursor}`,
        filter: sql`(created_at, id) < (${middleAt.toISOString()}::timestamptz, ${middle.id})`,
        goal: true,
      },
      { name: "status=failed", path: `${base}&status=failed`, filter: sql`status = 'failed'`, goal: true },
      {
        name: "status=queued (1%)",
        path: `${base}&status=queued`,
        filter: sql`status = 'queued'`,
        goal: true,
      },
      {
        name: "created_by=me",
        path: `${base}&created_by=me`,
        filter: sql`created_by = ${userId}`,
        goal: true,
      },
      { name: "method=full", path: `${base}&method=full`, filter: sql`method = 'full'`, goal: true },
      {
        name: "q=support-router-99999 (name search, no index)",
        path: `${base}&q=support-router-99999`,
        filter: sql`(name ilike '%support-router-99999%' or id = 'support-router-99999')`,
        goal: false,
      },
    ];
    for (const s of scenarios) {
      for (const concurrency of CONCURRENCY) {
        const load = { origin, token, concurrency, warmup: WARMUP };
        const healthz = await measureHttp({
          ...load,
          paths: ["/healthz"],
          expect: 200,
          count: 300,
          maxMs: 1_000,
        });
        const http = await measureHttp({
          ...load,
          paths: [s.path],
          expect: 200,
          count: COUNT,
          maxMs: MAX_MS,
        });
        const sqlStats = await measureCalls(() => listQuery(db, projectId, s.filter), {
          count: COUNT,
          warmup: WARMUP,
          concurrency,
          maxMs: 1_500,
        });
        rows.push({ engine, figure: s.name, concurrency, http, healthz, sql: sqlStats, goal: s.goal });
        log(
          `${engine.padEnd(8)} c=${concurrency} ${s.name.padEnd(48)} p50 ${http.p50.toFixed(2)} p95 ${http.p95.toFixed(2)} ms | healthz p95 ${healthz.p95.toFixed(2)} | sql p95 ${sqlStats.p95.toFixed(2)} (n=${http.n})`,
        );
      }
    }
  } finally {
    // Stopping the server closes the database handle, which drops the PostgreSQL database.
    await server.stop();
  }
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

function report(): string {
  const cpu = cpus();
  const goalRows = rows.filter((r) => r.goal);
  const missed = goalRows.filter((r) => r.http.p95 > GOAL_P95_MS);
  return [
    `Run: \`npx tsx bench/fine-tuning-list.ts\`, ${new Date().toISOString().slice(0, 10)}, ${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}. ${JOBS.toLocaleString("en-US")} jobs in one project (1% queued, 10% failed, 5% canceled, the rest succeeded; half by the caller), a page of 50 as the platform admin over loopback HTTP with keep-alive (the client in a worker thread). Each figure: ${WARMUP} warm-up requests, then up to ${COUNT} (or ${MAX_MS / 1000} s); baselines in the same run just before it: \`/healthz\` on the same server and the list's own SQL on the same database handle at the same concurrency. Milliseconds.`,
    "",
    `**Goal (issue 10):** p95 ≤ ${GOAL_P95_MS} ms for a page of the jobs list at 100,000 jobs.`,
    "",
    "| engine | figure | c | n | p50 | p95 | healthz p95 | SQL p50 / p95 | × SQL p95 | goal |",
    "|---|---|--:|--:|--:|--:|--:|--:|--:|:-:|",
    ...rows.map(
      (r) =>
        `| ${r.engine} | ${r.figure} | ${r.concurrency} | ${r.http.n} | ${fmt(r.http.p50)} | ${fmt(r.http.p95)} | ${fmt(r.healthz.p95)} | ${fmt(r.sql.p50)} / ${fmt(r.sql.p95)} | ${(r.http.p95 / r.sql.p95).toFixed(1)} | ${r.goal ? (r.http.p95 <= GOAL_P95_MS ? "✓" : "✗") : "—"} |`,
    ),
    "",
    missed.length === 0
      ? `Goal met: every held figure has p95 ≤ ${GOAL_P95_MS} ms (worst ${fmt(Math.max(...goalRows.map((r) => r.http.p95)))} ms).`
      : `Goal missed by ${missed.length} of ${goalRows.length} held figures: ${missed.map((r) => `${r.engine} c=${r.concurrency} ${r.figure} (${fmt(r.http.p95)} ms)`).join("; ")}.`,
    "",
    ...notes.map((n) => `- ${n}`),
  ].join("\n");
}

notes.push(
  `load average before: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ")} (1 / 5 / 15 min)`,
);
for (const engine of engines) await benchEngine(engine);
notes.push(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ")}`,
);
const body = report();
log(`\n${body}`);
if (!process.env.BENCH_NO_WRITE) {
  writeSection(
    join(import.meta.dirname, "..", "docs", "benchmarks.md"),
    "## Fine-tuning jobs list (issue 10)",
    body,
  );
  log("\nwritten to docs/benchmarks.md");
}
process.exit(0);
