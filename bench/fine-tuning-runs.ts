/**
 * Fine-tuning jobs running for real (issue 10), on the embedded PGlite with the server's own worker,
 * as `infera up` runs them, training the bundled infera-tiny with the reference runtime:
 *
 * - submit → running: from the create request to the job's `running` transition (the worker has the
 *   job's inputs and is starting the runtime), p50/p95, against the create request's own round trip;
 * - a runtime event → an SSE client: a metrics event's `time` (written by the runtime) to its
 *   arrival on `GET …/events` as Server-Sent Events in this process, p50/p95, against `/healthz`;
 * - 8 small jobs submitted at once on this machine (seed 004 NFR-P5), all finishing, against the same
 *   8 run one after another;
 * - one scheduling pass on PostgreSQL with 10,000 queued jobs, placing 1,000 (decisions per second).
 *
 *   npx tsx bench/fine-tuning-runs.ts     (BENCH_FLUSH_MS=200: the worker's event write interval)
 */
import { request } from "node:http";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { FINE_TUNE_LIMIT_DEFAULTS, scheduleFineTuneJobs } from "@infera/core";
import { type Database, sql } from "@infera/db";
import { loadConfig, startServer } from "@infera/server";
import pino from "pino";
import { setupRequest as api, openBenchDatabase } from "./lib/bench-server.js";
import { writeSection } from "./lib/benchmarks-md.js";
import { percentile } from "./lib/measure.js";

const ADMIN = { email: "bench-admin@infera.test", password: "bench-admin-password-1" };
const POSTGRES_ADMIN_URL =
  process.env.INFERA_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const FLUSH_MS = process.env.BENCH_FLUSH_MS ?? "200";
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 12);
const log = (msg: string) => process.stdout.write(`${msg}\n`);
const ms = (n: number) => `${n.toFixed(0)} ms`;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95) };
};

const BUNDLED = new URL("../packages/runtimes/assets/infera-tiny/", import.meta.url).pathname;

async function startBenchServer(env: Record<string, string>) {
  const database = await openBenchDatabase("pglite", POSTGRES_ADMIN_URL);
  const dataDir = join(tmpdir(), `infera-bench-ft-${Date.now().toString(36)}`);
  const server = await startServer(
    loadConfig({
      INFERA_PORT: "0",
      INFERA_DATA_DIR: dataDir,
      INFERA_ADMIN_EMAIL: ADMIN.email,
      INFERA_ADMIN_PASSWORD: ADMIN.password,
      INFERA_FINETUNE_EVENT_FLUSH_MS: FLUSH_MS,
      ...env,
    }),
    { log: pino({ level: "warn" }), database, systemModelDir: BUNDLED },
  );
  const origin = server.url;
  const login = await api(origin, null, "POST", "/auth/login", { ...ADMIN, issue_token: true });
  const token = login.data.token as string;
  // The admin's own first tenant: a project there needs no other member.
  const me = await api(origin, token, "GET", "/auth/me");
  const project = await api(origin, token, "POST", `/tenants/${me.data.tenants[0].id}/projects`, {
    name: "runs",
    env: "dev",
  });
  const projectId = project.data.id as string;
  const models = await api(origin, token, "GET", `/projects/${projectId}/models?scope=system`);
  const tiny = models.data.find((m: { name: string }) => m.name === "infera-tiny").id as string;
  const dataset = await api(origin, token, "POST", `/projects/${projectId}/datasets`, { name: "tickets" });
  let text = "";
  for (let i = 0; i < 8; i++)
    text += `${JSON.stringify({
      messages: [
        { role: "user", content: `Which team handles ticket ${i}?` },
        { role: "assistant", content: ["billing", "shipping"][i % 2] },
      ],
    })}\n`;
  const blob = await putBlob(origin, token, projectId, Buffer.from(text));
  const version = await api(origin, token, "POST", `/datasets/${dataset.data.id}/versions`, {
    files: [{ sha256: blob, name: "t.jsonl" }],
  });
  const config = (extra: Record<string, unknown> = {}) => ({
    base_model: { model_id: tiny },
    dataset_version_id: version.data.id,
    validation_split: 0,
    max_length: 32,
    batch_size: 8,
    epochs: 1,
    lora: { rank: 2, alpha: 4, target_modules: ["attn_q"] },
    output: { model_name: `out-${Math.random().toString(36).slice(2, 10)}` },
    ...extra,
  });
  return {
    origin,
    token,
    projectId,
    config,
    // The server closes the database it was given; its temporary folder stays for the OS to clear.
    stop: () => server.stop(),
  };
}

/** The bytes as a blob the project holds: a tus upload created with its whole body (as the CLI does for small files). */
async function putBlob(origin: string, token: string, projectId: string, bytes: Buffer) {
  const b64 = (s: string) => Buffer.from(s).toString("base64");
  const res = await fetch(`${origin}/api/v1/uploads`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "tus-resumable": "1.0.0",
      "upload-length": String(bytes.length),
      "upload-metadata": `project_id ${b64(projectId)},filename ${b64("t.jsonl")}`,
      "content-type": "application/offset+octet-stream",
    },
    body: bytes,
  });
  const body = (await res.json()) as { data?: { state: string; sha256: string } };
  if (res.status !== 201 || body.data?.state !== "complete") throw new Error(`upload: ${res.status}`);
  return body.data.sha256;
}

async function waitJob(origin: string, token: string, id: string, done: (j: any) => boolean) {
  for (;;) {
    const j = (await api(origin, token, "GET", `/fine-tuning/jobs/${id}`)).data;
    if (done(j)) return j;
    await new Promise((r) => setTimeout(r, 50));
  }
}
const FINISHED = ["succeeded", "failed", "canceled"];

async function submitToRunning(): Promise<string[]> {
  const s = await startBenchServer({ INFERA_FINETUNE_MAX_PER_USER: "0" });
  const create: number[] = [];
  const toRunning: number[] = [];
  try {
    for (let i = 0; i < SUBMISSIONS; i++) {
      const t0 = performance.now();
      const job = (
        await api(s.origin, s.token, "POST", `/projects/${s.projectId}/fine-tuning/jobs`, s.config())
      ).data;
      create.push(performance.now() - t0);
      const done = await waitJob(s.origin, s.token, job.id, (j) => FINISHED.includes(j.status));
      if (done.status !== "succeeded")
        throw new Error(`job ${job.id} ${done.status}: ${done.failure?.message}`);
      const at = (to: string) => Date.parse(done.transitions.find((t: { to: string }) => t.to === to).at);
      toRunning.push(at("running") - Date.parse(done.created_at));
    }
  } finally {
    await s.stop();
  }
  const c = stats(create);
  const r = stats(toRunning);
  log(`submit → running: p50 ${ms(r.p50)} p95 ${ms(r.p95)} (create request p50 ${ms(c.p50)})`);
  return [
    `| submit → running (${r.n} jobs, one at a time) | ${ms(r.p50)} | ${ms(r.p95)} | create request ${ms(c.p50)} / ${ms(c.p95)} | ≤ 1 s | ${r.p95 <= 1000 ? "met" : "**not met**"} |`,
  ];
}

/** Reads the job's SSE stream; for each metrics event, the delay from its `time` to its arrival. */
function followMetrics(origin: string, token: string, jobId: string): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const delays: number[] = [];
    const req = request(
      `${origin}/api/v1/fine-tuning/jobs/${jobId}/events?type=metrics,completed,failed`,
      { headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" } },
      (res) => {
        let buf = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          const now = Date.now();
          buf += chunk;
          const blocks = buf.split("\n\n");
          buf = blocks.pop() ?? "";
          for (const b of blocks) {
            const data = /^data: (.*)$/m.exec(b)?.[1];
            if (!data || !/^event: metrics$/m.test(b)) continue;
            const e = JSON.parse(data);
            // The entry's `at` is the runtime's own time of the event.
            delays.push(now - Date.parse(e.at));
          }
        });
        res.on("end", () => resolve(delays));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

async function sseLatency(): Promise<string[]> {
  const s = await startBenchServer({ INFERA_FINETUNE_MAX_PER_USER: "0" });
  try {
    const job = (
      await api(
        s.origin,
        s.token,
        "POST",
        `/projects/${s.projectId}/fine-tuning/jobs`,
        s.config({ epochs: 30, batch_size: 2 }),
      )
    ).data;
    const delays = await followMetrics(s.origin, s.token, job.id);
    const healthz: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      await fetch(`${s.origin}/healthz`).then((r) => r.text());
      healthz.push(performance.now() - t0);
    }
    const d = stats(delays.slice(3)); // the first points wait for the stream to open
    const h = stats(healthz);
    log(`event → SSE: p50 ${ms(d.p50)} p95 ${ms(d.p95)} over ${d.n} metrics events (flush ${FLUSH_MS} ms)`);
    return [
      `| a metrics event → SSE client (${d.n} events, worker writes every ${FLUSH_MS} ms) | ${ms(d.p50)} | ${ms(d.p95)} | /healthz ${h.p50.toFixed(1)} / ${h.p95.toFixed(1)} ms | ≤ 300 ms | ${d.p95 <= 300 ? "met" : "**not met**"} |`,
    ];
  } finally {
    await s.stop();
  }
}

async function eightAtOnce(): Promise<string[]> {
  const run = async (concurrent: number) => {
    const s = await startBenchServer({
      INFERA_FINETUNE_MAX_CONCURRENT: String(concurrent),
      INFERA_FINETUNE_MAX_PER_USER: "0",
      INFERA_WORKER_CONCURRENCY: "12",
    });
    try {
      const t0 = performance.now();
      const ids: string[] = [];
      for (let i = 0; i < 8; i++)
        ids.push(
          (
            await api(
              s.origin,
              s.token,
              "POST",
              `/projects/${s.projectId}/fine-tuning/jobs`,
              s.config({ epochs: 4 }),
            )
          ).data.id,
        );
      const ends = await Promise.all(
        ids.map((id) => waitJob(s.origin, s.token, id, (j) => FINISHED.includes(j.status))),
      );
      const failed = ends.filter((j) => j.status !== "succeeded");
      if (failed.length)
        throw new Error(`${failed.length} of 8 did not succeed: ${failed[0].failure?.message}`);
      return performance.now() - t0;
    } finally {
      await s.stop();
    }
  };
  const together = await run(8);
  const oneByOne = await run(1);
  log(`8 jobs at once: ${ms(together)}; one after another: ${ms(oneByOne)}`);
  return [
    `| 8 small jobs submitted at once, all succeeded | ${(together / 1000).toFixed(1)} s in all | | one after another ${(oneByOne / 1000).toFixed(1)} s (ratio ${(together / oneByOne).toFixed(2)}) | all finish | met |`,
  ];
}

async function schedulingPass(): Promise<string[]> {
  const database = await openBenchDatabase("postgres", POSTGRES_ADMIN_URL);
  try {
    const db = database.db as Database;
    const server = await startServer(
      loadConfig({
        INFERA_PORT: "0",
        INFERA_DATA_DIR: join(tmpdir(), `infera-bench-sched-${Date.now().toString(36)}`),
        INFERA_ADMIN_EMAIL: ADMIN.email,
        INFERA_ADMIN_PASSWORD: ADMIN.password,
        INFERA_FINETUNE_MAX_CONCURRENT: "0",
        // Its own pool: this handle seeds, and is closed (and the database dropped) apart from it.
        DATABASE_URL: database.url!,
      }),
      { log: pino({ level: "warn" }), systemModelDir: null, roles: ["api"] },
    );
    const login = await api(server.url!, null, "POST", "/auth/login", { ...ADMIN, issue_token: true });
    const token = login.data.token as string;
    const me = await api(server.url!, token, "GET", "/auth/me");
    const tenant = { data: { id: me.data.tenants[0].id as string } };
    const project = await api(server.url!, token, "POST", `/tenants/${tenant.data.id}/projects`, {
      name: "queue",
      env: "dev",
    });
    await db.execute(sql`
      insert into fine_tune_jobs (id, tenant_id, project_id, status, priority, config, stage, method,
        base_model_id, base_model_version_id, dataset_id, dataset_version_id, runtime, resource_class,
        artifact_type, created_by, created_at, queued_at, updated_at)
      select 'ftj_sched' || lpad(g::text, 17, '0'), ${tenant.data.id}, ${project.data.id}, 'queued', (g % 3) - 1, '{}'::jsonb,
        'sft', 'lora', 'mdl_x', 'mv_x', 'ds_x', 'dsv_x', 'reference', 'cpu-2', 'adapter',
        'usr_' || (g % 500), now() - (g || ' seconds')::interval, now() - (g || ' seconds')::interval, now()
      from generate_series(1, 10000) g`);
    await db.execute(sql`analyze fine_tune_jobs`);
    // 1,000 simulated worker nodes (issue 10), online, each with room for several jobs: the pass
    // reads and plans over all of them, and the 1,000 placements spread across them.
    await db.execute(sql`
      insert into nodes (id, name, roles, cpus, memory_bytes, gpus, version)
      select 'node_bench' || lpad(g::text, 16, '0'), 'bench-' || g, '["worker"]'::jsonb, 64, ${2 ** 40},
        '[]'::jsonb, 'bench'
      from generate_series(1, 1000) g`);
    const pass = async (maxConcurrent: number) => {
      const ctx = {
        ...server.systemCtx,
        settings: {
          ...server.systemCtx.settings,
          fineTuning: { ...FINE_TUNE_LIMIT_DEFAULTS, maxConcurrent, maxPerUser: 0 },
        },
      };
      const t0 = performance.now();
      const r = await scheduleFineTuneJobs({ ctx });
      return { placed: r.placed.length, ms: performance.now() - t0 };
    };
    // Puts the queue back as it was (10,000 queued, no run items), so each repeat measures the same pass.
    const reset = async () => {
      await db.execute(sql`update fine_tune_jobs set status = 'queued', node_id = null, gpu_indices = null
        where status = 'starting'`);
      await db.execute(sql`delete from work_items where kind = 'fine_tuning.job.run'`);
      // Seen just now: a node silent past the grace (30 s) would be offline, its jobs requeued.
      await db.execute(sql`update nodes set last_seen_at = now()`);
    };
    const REPEATS = Number(process.env.BENCH_PASS_REPEATS ?? 3);
    await reset();
    const smalls: { placed: number; ms: number }[] = [];
    const bigs: { placed: number; ms: number }[] = [];
    for (let i = 0; i < REPEATS; i++) {
      // The everyday pass: 8 free slots (the default limit) among 10,000 queued jobs.
      smalls.push(await pass(8));
      await reset();
      // A burst: 1,000 slots free at once (limit raised), every decision written.
      bigs.push(await pass(1000));
      await reset();
      log(
        `  pass ${i + 1}: 8 slots ${ms(smalls[i]!.ms)}; 1,000 slots ${ms(bigs[i]!.ms)} (load ${loadavg()[0]!.toFixed(1)})`,
      );
    }
    const median = (xs: { ms: number }[]) => stats(xs.map((x) => x.ms)).p50;
    const small = { placed: smalls[0]!.placed, ms: median(smalls) };
    const big = { placed: bigs[0]!.placed, ms: median(bigs) };
    const all = (xs: { ms: number }[]) => xs.map((x) => x.ms.toFixed(0)).join(", ");
    await server.stop().catch(() => {});
    log(`scheduling pass: ${small.placed} placed in ${ms(small.ms)}; ${big.placed} placed in ${ms(big.ms)}`);
    return [
      `| one scheduling pass, PostgreSQL, 10,000 queued on 1,000 nodes, 8 free slots (median of ${smalls.length}: ${all(smalls)} ms) | ${ms(small.ms)} | | ${small.placed} placed | ≤ 1 s | ${small.ms <= 1000 ? "met" : "**not met**"} |`,
      `| one pass, 10,000 queued on 1,000 nodes, 1,000 free slots (median of ${bigs.length}: ${all(bigs)} ms) | ${ms(big.ms)} | | ${big.placed} placed: ${Math.round(big.placed / (big.ms / 1000))} decisions/s; the 8-slot pass ${ms(small.ms)} | ≤ 1 s | ${big.ms <= 1000 ? "met" : "**not met**"} |`,
    ];
  } finally {
    await database.close();
  }
}

// BENCH_PARTS=pass (or submit,sse,eight,pass) runs some figures only; the section then holds those.
const parts = new Set((process.env.BENCH_PARTS ?? "submit,sse,eight,pass").split(","));
const rows: string[] = [];
if (parts.has("submit")) rows.push(...(await submitToRunning()));
if (parts.has("sse")) rows.push(...(await sseLatency()));
if (parts.has("eight")) rows.push(...(await eightAtOnce()));
if (parts.has("pass")) rows.push(...(await schedulingPass()));
const body = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), load ${loadavg()[0]!.toFixed(1)}; embedded PGlite and the server's own worker as \`infera up\` runs them (the pass on PostgreSQL), the bundled infera-tiny trained by the reference runtime (LoRA, 8 records). \`npx tsx bench/fine-tuning-runs.ts\`.`,
  "",
  "| figure | p50 | p95 | baseline in the same run | goal | |",
  "|---|---|---|---|---|---|",
  ...rows,
].join("\n");
writeSection("docs/benchmarks.md", "## Fine-tuning runs (bench/fine-tuning-runs.ts)", body);
log("written to docs/benchmarks.md");
