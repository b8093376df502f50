/**
 * The gateway's CPU per call (issue 12): how many microseconds of CPU the proxy process spends on one
 * request, Infera's gateway against the bare-Node proxy (Node `http` + undici, nothing else) in the
 * same run. It is read from the process's own `utime + stime` (/proc/<pid>/stat) around a fixed
 * number of requests, so time spent waiting for a core is not counted: the ratio of the two moves far
 * less with the machine's load than requests per second do. Rounds alternate the targets; the
 * figure is each target's median round. Writes its section of docs/benchmarks.md.
 *
 *   npx tsx bench/gateway-cpu.ts   # BENCH_CPU_ROUNDS (7)  BENCH_CPU_REQUESTS (6000 per round)  BENCH_CPU_CONCURRENCY (8)
 *                                  # BENCH_STREAM=1 (streamed answers)  BENCH_NO_WRITE=1  (BENCH_GATEWAY_PROCESSES: see gateway.ts)
 */
import { execFileSync, fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { writeSection } from "./lib/benchmarks-md.js";
import { startInfera } from "./lib/gateway-infera.js";
import { startBareNode, startUpstream, type Target } from "./lib/gateway-targets.js";

const DOC = fileURLToPath(new URL("../docs/benchmarks.md", import.meta.url));
const LOAD = fileURLToPath(new URL("./lib/gateway-load.mjs", import.meta.url));
const env = process.env;
const ROUNDS = Number(env.BENCH_CPU_ROUNDS ?? 7);
const REQUESTS = Number(env.BENCH_CPU_REQUESTS ?? 6000);
const CONCURRENCY = Number(env.BENCH_CPU_CONCURRENCY ?? 8);
const WARMUP = 300;
const STREAM = env.BENCH_STREAM === "1";
const POSTGRES_ADMIN_URL = env.INFERA_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const CLOCK_TICK_MS = 1000 / Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim() || 100);

/** The processes listening on a target's port (a cluster's workers and its primary alike). */
function listeners(origin: string): number[] {
  const out = execFileSync("ss", ["-ltnpH", `sport = :${new URL(origin).port}`]).toString();
  return [...new Set([...out.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])))];
}

/** CPU milliseconds (user + system) the processes have used so far. */
function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * CLOCK_TICK_MS;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

async function main() {
  const upstream = await startUpstream(16);
  const bare = await startBareNode(upstream);
  const infera = await startInfera(upstream.origin, POSTGRES_ADMIN_URL);
  if ("unavailable" in infera) throw new Error(`Infera did not start: ${infera.unavailable}`);
  if ("unavailable" in infera.target) throw new Error(`no gateway: ${infera.target.unavailable}`);
  const targets: Target[] = [bare, infera.target];
  const gen = fork(LOAD, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const run = (t: Target) =>
    new Promise<{ latencies: number[]; failures: number; lastFailure: string; elapsedMs: number }>(
      (resolve, reject) => {
        gen.once("message", (m: any) => (m.ok ? resolve(m) : reject(new Error(m.error))));
        gen.send({
          origin: t.origin,
          path: t.path,
          headers: t.headers,
          body: t.body(STREAM),
          concurrency: CONCURRENCY,
          warmup: WARMUP,
          count: REQUESTS,
          maxMs: 120_000,
        });
      },
    );
  const perCall = new Map<string, number[]>();
  const perSecond = new Map<string, number[]>();
  let failures = 0;
  try {
    for (let round = 0; round < ROUNDS; round++)
      for (const t of targets) {
        const pids = listeners(t.origin);
        const before = cpuMs(pids);
        const raw = await run(t);
        const used = cpuMs(pids) - before;
        failures += raw.failures;
        if (raw.failures) console.log(`  ${t.name}: ${raw.failures} failed, last: ${raw.lastFailure}`);
        const us = (1000 * used) / (raw.latencies.length + WARMUP);
        perCall.set(t.name, [...(perCall.get(t.name) ?? []), us]);
        perSecond.set(t.name, [
          ...(perSecond.get(t.name) ?? []),
          (raw.latencies.length / raw.elapsedMs) * 1000,
        ]);
        console.log(`round ${round + 1} ${t.name}: ${us.toFixed(1)} µs CPU per call`);
      }
  } finally {
    gen.kill();
    await infera.stop();
    await infera.close();
    await bare.stop();
    await upstream.stop();
  }
  const b = median(perCall.get(bare.name)!);
  const i = median(perCall.get("infera")!);
  const row = (name: string, label: string) => {
    const xs = perCall.get(name)!;
    return `| ${label} | ${median(xs).toFixed(1)} | ${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)} | ${Math.round(median(perSecond.get(name)!)).toLocaleString("en-US")} |`;
  };
  const body = `
\`bench/gateway-cpu.ts\`, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model.split(" ").slice(0, 2).join(" ")}, Node ${process.version}, 1-minute load average ${loadavg()[0]!.toFixed(1)} at the end. The same fixed-answer upstream as \`bench/gateway.ts\` (${STREAM ? "SSE, 16 content chunks" : "a ~400-byte JSON chat completion"}); ${ROUNDS} rounds alternating the targets, each ${REQUESTS.toLocaleString("en-US")} requests at c=${CONCURRENCY} after ${WARMUP} warm-up requests; CPU = the proxy process's user + system time (/proc) over the round ÷ its requests. Infera: ${infera.target.about}.

| target | CPU per call, median µs | rounds' range µs | req/s (median round, 2 cores shared) |
|---|---|---|---|
${row(bare.name, "bare Node proxy (ceiling)")}
${row("infera", "Infera gateway")}

- **Infera ÷ bare Node: ${(i / b).toFixed(2)}× the CPU per call.** Both figures rise with the machine's load (caches, scheduling), alike: the ratio is the measure of the gateway's own cost that noise moves least (3.26× and 3.53× in two runs an hour apart at load 1.5 and 2.8, while req/s swing 2× between identical runs here). Every request answered 200${failures ? ` except ${failures}` : ""}.`;
  console.log(body);
  if (env.BENCH_NO_WRITE !== "1")
    writeSection(DOC, "## Gateway CPU per call (bench/gateway-cpu.ts, issue 12)", body);
}

await main();
process.exit(0);
