/**
 * From scale-to-zero to first token (issue 11's autoscaler): a real server (same wiring as
 * `infera up`, embedded PGlite on disk) runs a scale-to-zero service of the bundled infera-tiny; once
 * its replica has gone to zero, a request arrives the way the gateway will handle it — it reports
 * itself in flight and calls `demand` on the `ServiceLoad` port, waits for a ready replica, and
 * streams a one-token completion from it. Measured: demand → first streamed token, and the
 * `cold_start` event's demand → ready. Baseline in the same run: a bare Node script that imports
 * node-llama-cpp, loads the same GGUF and creates the same context (spawn → loaded).
 *
 *   npx tsx bench/scale-from-zero.ts      # BENCH_ROUNDS (default 3), BENCH_NO_WRITE=1
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { databaseServiceLoad } from "@infera/core";
import { INFERA_TINY_DIR, MODEL_FILES } from "@infera/runtimes/formats";
import { loadConfig, startServer } from "@infera/server";
import pino from "pino";
import { bareColdStart } from "./lib/bare-cold-start.js";
import { setupRequest as api, openBenchDatabase } from "./lib/bench-server.js";
import { writeSection } from "./lib/benchmarks-md.js";

const DOC = fileURLToPath(new URL("../docs/benchmarks.md", import.meta.url));
const GGUF = join(INFERA_TINY_DIR, MODEL_FILES.gguf);
const BUNDLED = new URL("../packages/runtimes/assets/infera-tiny/", import.meta.url).pathname;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONTEXT = 512;
const ADMIN = { email: "bench-admin@infera.test", password: "bench-admin-password-1" };
const POSTGRES_ADMIN_URL =
  process.env.INFERA_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const database = await openBenchDatabase("pglite", POSTGRES_ADMIN_URL);
  const dataDir = mkdtempSync(join(tmpdir(), "infera-bench-zero-"));
  // The worker's defaults (poll 1 s, pass every 5 s): the figure is what a user gets.
  const server = await startServer(
    loadConfig({
      INFERA_PORT: "0",
      INFERA_DATA_DIR: dataDir,
      INFERA_ADMIN_EMAIL: ADMIN.email,
      INFERA_ADMIN_PASSWORD: ADMIN.password,
      INFERA_MAX_REPLICAS: "2",
    }),
    { log: pino({ level: "warn" }), database, systemModelDir: BUNDLED },
  );
  const pids = new Set<number>();
  // Replicas outlive the server by design: the bench's own go when it exits, whatever happens.
  process.once("exit", () => {
    for (const pid of pids)
      try {
        process.kill(-pid, "SIGKILL");
      } catch {}
  });
  const origin = server.url!;
  const login = await api(origin, null, "POST", "/auth/login", { ...ADMIN, issue_token: true });
  const token = login.data.token as string;
  const me = await api(origin, token, "GET", "/auth/me");
  const project = await api(origin, token, "POST", `/tenants/${me.data.tenants[0].id}/projects`, {
    name: "zero",
    env: "dev",
  });
  const projectId = project.data.id as string;
  const models = await api(origin, token, "GET", `/projects/${projectId}/models?scope=system`);
  const tiny = models.data.find((m: { name: string }) => m.name === "infera-tiny").id as string;
  const created = await api(origin, token, "POST", `/projects/${projectId}/services`, {
    name: "sleepy",
    exposure: "private",
    config: {
      model: { model_id: tiny, tag: "latest" },
      runtime: { kind: "llama.cpp", context_size: CONTEXT, threads: 1 },
      resources: { resource_class: "cpu-2" },
      autoscaling: { min_replicas: 0, max_replicas: 1, scale_to_zero: true, scale_down_delay_seconds: 1 },
    },
  });
  const serviceId = created.data.id as string;
  const revisionId = created.data.revisions[0].id as string;
  const detail = async () => (await api(origin, token, "GET", `/services/${serviceId}`)).data;
  const until = async (done: (s: any) => boolean, pollMs: number) => {
    for (const end = Date.now() + 180_000; ; await sleep(pollMs)) {
      const s = await detail();
      for (const r of s.replicas) if (r.pid) pids.add(r.pid);
      if (done(s)) return s;
      if (Date.now() > end) throw new Error(`timed out: ${JSON.stringify(s).slice(0, 2000)}`);
    }
  };
  const ready = (s: any) => s.replicas.find((r: any) => r.state === "ready" && r.port);
  const atZero = (s: any) => s.revisions[0].current_state === "inactive" && !s.replicas.length;
  const load = databaseServiceLoad(server.systemCtx);

  const toFirstToken: number[] = [];
  const toReady: number[] = [];
  // Where the time goes, from the revision's own timeline: demand → the pass takes it (pending),
  // downloading (the GGUF from the node's cache), starting (spawn → /health answered).
  const pickup: number[] = [];
  const downloading: number[] = [];
  const starting: number[] = [];
  const bare: number[] = [];
  await until(atZero, 500);
  for (let round = 0; round < ROUNDS; round++) {
    bare.push(await bareColdStart(GGUF, CONTEXT));
    await until(atZero, 500);
    const t0 = performance.now();
    const demandAt = Date.now();
    await load.report({ revisionId, source: "bench-gateway", inFlight: 1, requestsPerSecond: 0 });
    await load.demand(revisionId);
    const replica = ready(await until(ready, 50));
    const res = await fetch(`http://127.0.0.1:${replica.port}/v1/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: "Once upon a time", max_tokens: 1, temperature: 0, stream: true }),
    });
    const reader = res.body!.getReader();
    await reader.read();
    toFirstToken.push(performance.now() - t0);
    await reader.cancel();
    await load.report({ revisionId, source: "bench-gateway", inFlight: 0, requestsPerSecond: 0 });
    let cold: any;
    while (!cold) {
      const events = await api(origin, token, "GET", `/services/${serviceId}/events?limit=100`);
      cold = events.data.filter((e: any) => e.type === "cold_start")[0];
      if (!cold || toReady.length + 1 !== events.data.filter((e: any) => e.type === "cold_start").length) {
        cold = undefined;
        await sleep(200);
      }
    }
    toReady.push(cold.data.latency_ms as number);
    const timeline = (await detail()).revisions[0].durations as {
      state: string;
      entered_at: string;
      seconds: number;
    }[];
    const last = (state: string) => timeline.filter((d) => d.state === state).at(-1)!;
    pickup.push(Date.parse(last("pending").entered_at) - demandAt);
    downloading.push(last("downloading").seconds * 1000);
    starting.push(last("starting").seconds * 1000);
    console.log(
      `round ${round + 1}: demand → first token ${toFirstToken.at(-1)!.toFixed(0)} ms, demand → ready ${toReady.at(-1)} ms, bare ${bare.at(-1)!.toFixed(0)} ms`,
    );
  }
  // Back to zero before the server stops: no replica outlives the bench.
  await until(atZero, 500);
  // Stopping the server closes the database it was given.
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });

  const ratio = median(toFirstToken) / median(bare);
  const body = [
    `Run on ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}. infera-tiny F32 GGUF, context ${CONTEXT}, one thread; a scale-to-zero service (delay 1 s) on an \`infera up\`-like server (PGlite on disk, worker poll 1 s, pass every 5 s); ${ROUNDS} rounds, medians.`,
    "",
    "| figure | from scale-to-zero | bare node-llama-cpp script (floor) | ratio |",
    "|---|---|---|---|",
    `| demand → first streamed token | ${median(toFirstToken).toFixed(0)} ms | ${median(bare).toFixed(0)} ms (spawn → model and context loaded) | **${ratio.toFixed(2)}×** |`,
    `| demand → replica ready (\`cold_start\` event's latency) | ${median(toReady).toFixed(0)} ms | — | ${(median(toReady) / median(bare)).toFixed(2)}× |`,
    `| of which: demand → a pass takes it (revision \`pending\`) | ${median(pickup).toFixed(0)} ms | — | — |`,
    `| of which: \`downloading\` (GGUF from the node's cache) | ${median(downloading).toFixed(0)} ms | — | — |`,
    `| of which: \`starting\` (spawn → \`/health\` answered, marked ready) | ${median(starting).toFixed(0)} ms | — | ${(median(starting) / median(bare)).toFixed(2)}× |`,
    "",
    `The path from zero: the demand's transaction raises the revision's wanted replicas and enqueues a \`services.reconcile\` pass; a worker leases it (poll ≤ 1 s), the pass moves the revision pending → downloading (the GGUF is already in the node's model cache) → starting, spawns \`infera-serve\` (Node + tsx + model load: the serving bench's cold start), waits for \`/health\` (200 ms apart) and marks it ready; the request here polls the service 50 ms apart for a ready replica and then streams one token. The floor has none of the queue, process records, HTTP or health checks. The platform's own steps (demand → pass, downloading) took ${(median(pickup) + median(downloading)).toFixed(0)} ms; the rest is the replica's own start, which on this machine shares its cores with the server that runs the pass. The 1-minute load average was ${loadavg()[0]!.toFixed(1)} at the end of this run.`,
  ].join("\n");
  console.log(body);
  if (!process.env.BENCH_NO_WRITE)
    writeSection(DOC, "## Serving: from scale-to-zero to first token (bench/scale-from-zero.ts)", body);
  process.exit(0);
}

await main();
