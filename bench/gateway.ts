/**
 * The gateway against nginx and Portkey (issue 12): a fixed-answer upstream of our own (JSON, or SSE
 * with a set number of chunks, no delays) isolates what each proxy adds. Targets, each a process of
 * its own: the upstream directly (the baseline), nginx `proxy_pass`, Portkey's gateway from npm, and
 * Infera's gateway (key check, limits and metering on). A load generator in its own process
 * (undici Pool, keep-alive) measures latency at concurrency 1 and 32, the maximum requests per
 * second (concurrency raised until it stops growing) and time to the first streamed chunk; then
 * usage records shipped against requests answered, and the real path (infera-tiny through the
 * gateway against the same replica called directly). Writes its section of docs/benchmarks.md.
 *
 *   npx tsx bench/gateway.ts     # BENCH_GATEWAY_PROCESSES (unset: one process, every role; N: gateway-only, N processes)  BARE_PROCESSES (1)
 *                                # BENCH_TARGETS=direct,nginx,node-bare,portkey,infera  BENCH_C1 (2000)  BENCH_C32 (20000)
 *                                # BENCH_STREAM (2000)  BENCH_SWEEP_MS (2000)  BENCH_REAL_ROUNDS (5; 0 skips)  BENCH_NO_WRITE=1
 *                                # BENCH_INFERA_NODE_OPTIONS (NODE_OPTIONS of the all-roles server process only)
 */
import { type ChildProcess, fork } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { writeSection } from "./lib/benchmarks-md.js";
import { type InferaServer, startInfera } from "./lib/gateway-infera.js";
import {
  startBareNode,
  startNginx,
  startPortkey,
  startUpstream,
  type Target,
  type Unavailable,
} from "./lib/gateway-targets.js";
import { percentile } from "./lib/measure.js";

const DOC = fileURLToPath(new URL("../docs/benchmarks.md", import.meta.url));
const LOAD = fileURLToPath(new URL("./lib/gateway-load.mjs", import.meta.url));
const env = process.env;
const WANTED = (env.BENCH_TARGETS ?? "direct,nginx,node-bare,portkey,infera").split(",");
const C1 = Number(env.BENCH_C1 ?? 2000);
const C32 = Number(env.BENCH_C32 ?? 20_000);
const STREAM = Number(env.BENCH_STREAM ?? 2000);
const SWEEP_MS = Number(env.BENCH_SWEEP_MS ?? 2000);
const REAL_ROUNDS = Number(env.BENCH_REAL_ROUNDS ?? 5);
const CHUNKS = 16;
const SWEEP_LEVELS = [4, 8, 16, 32, 64, 128, 256];
/** Rounds per latency figure (targets visited in turn each round) and the most one figure may take per target. */
const ROUNDS = 4;
const FIGURE_CAP_MS = 20_000;
const POSTGRES_ADMIN_URL = env.INFERA_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const log = (s: string) => process.stdout.write(`${s}\n`);

interface Load {
  origin: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  concurrency: number;
  warmup: number;
  count?: number;
  durationMs?: number;
  maxMs?: number;
}
interface Raw {
  ok: boolean;
  error?: string;
  latencies: number[];
  firsts: number[];
  okCount: number;
  failures: number;
  lastFailure: string;
  elapsedMs: number;
}
interface Figure {
  n: number;
  /** Requests asked for; fewer when the figure's time cap came first. */
  wanted: number;
  p50: number;
  p99: number;
  rps: number;
  failures: number;
}

/** The load generator: one forked process for the whole run, one measurement at a time. */
function loadGenerator() {
  const child: ChildProcess = fork(LOAD, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return {
    run: (load: Load) =>
      new Promise<Raw>((resolve, reject) => {
        child.once("message", (m: Raw) => (m.ok ? resolve(m) : reject(new Error(m.error))));
        child.send(load);
      }),
    stop: () => child.kill(),
  };
}

async function main() {
  const upstream = await startUpstream(CHUNKS);
  const started: (Target | Unavailable)[] = [];
  let infera: InferaServer | null = null;
  for (const name of WANTED) {
    log(`starting ${name}…`);
    if (name === "direct") started.push(upstream);
    else if (name === "nginx") started.push(await startNginx(upstream));
    else if (name === "node-bare") started.push(await startBareNode(upstream));
    else if (name === "portkey") started.push(await startPortkey(upstream));
    else if (name === "infera") {
      const s = await startInfera(upstream.origin, POSTGRES_ADMIN_URL);
      if ("unavailable" in s) started.push(s);
      else {
        infera = s;
        started.push(s.target);
      }
    }
  }
  const targets = started.filter((t): t is Target => !("unavailable" in t));
  for (const t of started) if ("unavailable" in t) log(`${t.name}: not available (${t.unavailable})`);

  const gen = loadGenerator();
  // Requests through Infera's gateway answered 200, warm-ups included: each should leave one usage record.
  let inferaOk = 0;
  const measure = async (
    t: Target,
    load: Omit<Load, "origin" | "path" | "headers" | "body">,
    stream = false,
  ) => {
    const raw = await gen.run({
      origin: t.origin,
      path: t.path,
      headers: t.headers,
      body: t.body(stream),
      ...load,
    });
    if (t.name === "infera") inferaOk += raw.okCount;
    if (raw.failures) log(`  ${t.name}: ${raw.failures} requests failed, last: ${raw.lastFailure}`);
    return raw;
  };
  // Figure by figure, in rounds that visit every target in turn, so that the machine's other work
  // falls on all of them alike; a round's requests are pooled into the figure.
  const figure = async (
    what: string,
    load: { concurrency: number; warmup: number; count: number },
    stream: boolean,
  ): Promise<Map<string, Figure>> => {
    const pooled = new Map<string, { xs: number[]; elapsedMs: number; failures: number }>();
    for (let round = 0; round < ROUNDS; round++)
      for (const t of targets) {
        const raw = await measure(
          t,
          {
            concurrency: load.concurrency,
            warmup: round === 0 ? load.warmup : Math.ceil(load.warmup / 10),
            count: Math.ceil(load.count / ROUNDS),
            maxMs: FIGURE_CAP_MS / ROUNDS,
          },
          stream,
        );
        const p = pooled.get(t.name) ?? { xs: [], elapsedMs: 0, failures: 0 };
        p.xs.push(...(stream ? raw.firsts : raw.latencies));
        p.elapsedMs += raw.elapsedMs;
        p.failures += raw.failures;
        pooled.set(t.name, p);
      }
    const out = new Map<string, Figure>();
    for (const [name, p] of pooled) {
      const sorted = p.xs.sort((a, b) => a - b);
      const f = {
        n: sorted.length,
        wanted: load.count,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        rps: sorted.length / (p.elapsedMs / 1000),
        failures: p.failures,
      };
      out.set(name, f);
      log(`${what} ${name}: p50 ${f.p50.toFixed(3)} ms, p99 ${f.p99.toFixed(3)} ms (${f.n} requests)`);
    }
    return out;
  };
  const c1 = await figure("c=1 ", { concurrency: 1, warmup: 200, count: C1 }, false);
  const c32 = await figure("c=32", { concurrency: 32, warmup: 2000, count: C32 }, false);
  const ttft = await figure("ttft", { concurrency: 1, warmup: 200, count: STREAM }, true);
  const max = new Map<string, { rps: number; concurrency: number; failures: number }>();
  // The maximum rate: concurrency raised step by step, every target in turn at each step, each
  // until two steps in a row add less than 5% to its best.
  const flat = new Map<string, number>();
  for (const c of SWEEP_LEVELS) {
    const rising = targets.filter((t) => (flat.get(t.name) ?? 0) < 2);
    if (!rising.length) break;
    for (const t of rising) {
      const raw = await measure(t, { concurrency: c, warmup: c * 10, durationMs: SWEEP_MS });
      const rps = raw.latencies.length / (raw.elapsedMs / 1000);
      log(`max  ${t.name}: c=${c} ${Math.round(rps)} req/s`);
      const best = max.get(t.name) ?? { rps: 0, concurrency: 0, failures: 0 };
      flat.set(t.name, rps > best.rps * 1.05 ? 0 : (flat.get(t.name) ?? 0) + 1);
      if (rps > best.rps) max.set(t.name, { rps, concurrency: c, failures: raw.failures });
    }
  }
  gen.stop();

  // The real path, and usage records against requests answered.
  let real: Awaited<ReturnType<InferaServer["realPath"]>> | string = "not run (BENCH_REAL_ROUNDS=0)";
  let usage: Usage | null = null;
  if (infera) {
    if (REAL_ROUNDS > 0) {
      log("real path: starting an infera-tiny replica…");
      real = await infera.realPath(REAL_ROUNDS).catch((e: Error) => e.message.split("\n")[0]!);
    }
    const answered = inferaOk + infera.okCalls();
    // The journal ships on the worker's schedule (segments sealed after 5 s): wait for it (30 s
    // at most), then stop the server (SIGTERM ships what is left) and count again.
    const t0 = Date.now();
    let live = await infera.countUsage();
    while (live < answered && Date.now() - t0 < 30_000) {
      await new Promise((r) => setTimeout(r, 500));
      live = await infera.countUsage();
    }
    const waitedS = (Date.now() - t0) / 1000;
    await infera.stop();
    if (!("unavailable" in infera.target))
      usage = { answered, live, waitedS, shipped: await infera.countUsage() };
    await infera.close();
  }
  for (const t of targets) await t.stop();
  await upstream.stop();

  const body = report({ started, c1, c32, ttft, max, real, usage });
  log(`\n${body}`);
  if (!env.BENCH_NO_WRITE) writeSection(DOC, "## Gateway (bench/gateway.ts, issue 12)", body);
  process.exit(0);
}

interface Results {
  started: (Target | Unavailable)[];
  c1: Map<string, Figure>;
  c32: Map<string, Figure>;
  ttft: Map<string, Figure>;
  max: Map<string, { rps: number; concurrency: number; failures: number }>;
  real: Awaited<ReturnType<InferaServer["realPath"]>> | string;
  usage: Usage | null;
}
/** Requests through Infera answered 200, and `usage_records` rows while it runs (after waiting) and after its stop. */
interface Usage {
  answered: number;
  live: number;
  waitedS: number;
  shipped: number;
}

function report(r: Results): string {
  const ms = (v: number | undefined) => (v === undefined ? "—" : v.toFixed(3));
  const signed = (v: number | undefined) => (v === undefined ? "—" : `${v >= 0 ? "+" : ""}${v.toFixed(3)}`);
  const int = (v: number) => Math.round(v).toLocaleString("en-US");
  const direct = (m: Map<string, Figure>) => m.get("direct");
  const added = (m: Map<string, Figure>, name: string, p: "p50" | "p99") => {
    const t = m.get(name);
    const d = direct(m);
    return t && d ? t[p] - d[p] : undefined;
  };
  const label: Record<string, string> = {
    direct: "direct (baseline)",
    nginx: "nginx",
    "node-bare": "bare Node (ceiling)",
    portkey: "Portkey",
    infera: "Infera",
  };
  const rows = r.started.map((t) => {
    if ("unavailable" in t)
      return `| ${label[t.name] ?? t.name} | pending (not available, above) | | | | | | |`;
    const [a, b, s, m] = [r.c1.get(t.name), r.c32.get(t.name), r.ttft.get(t.name), r.max.get(t.name)];
    return `| ${label[t.name] ?? t.name} | ${ms(a?.p50)} | ${ms(a?.p99)} | ${ms(b?.p50)} | ${ms(b?.p99)} | ${ms(s?.p50)} | ${ms(s?.p99)} | ${m ? `${int(m.rps)} (c=${m.concurrency})` : "—"} |`;
  });
  const addedRows = r.started
    .filter((t): t is Target => !("unavailable" in t) && t.name !== "direct")
    .map(
      (t) =>
        `| ${label[t.name] ?? t.name} | ${signed(added(r.c1, t.name, "p50"))} | ${signed(added(r.c1, t.name, "p99"))} | ${signed(added(r.c32, t.name, "p50"))} | ${signed(added(r.c32, t.name, "p99"))} | ${signed(added(r.ttft, t.name, "p50"))} | ${signed(added(r.ttft, t.name, "p99"))} | ${r.max.get("direct") && r.max.get(t.name) ? `${(r.max.get(t.name)!.rps / r.max.get("direct")!.rps).toFixed(2)}×` : "—"} |`,
    );

  // Goals (issue 12), judged on Infera; nginx and Portkey judged the same way for scale.
  const verdict = (v: number | undefined, ok: (v: number) => boolean, show: (v: number) => string) =>
    v === undefined ? "pending" : `${show(v)} — ${ok(v) ? "met" : "missed"}`;
  const msUnder = (limit: number) => (name: string, m: Map<string, Figure>, p: "p50" | "p99") =>
    verdict(
      added(m, name, p),
      (v) => v <= limit,
      (v) => `${signed(v)} ms`,
    );
  const rpsOf = (name: string) => r.max.get(name)?.rps;
  const ratio = (of: string, to: string) => {
    const a = rpsOf(of);
    const b = rpsOf(to);
    return a !== undefined && b !== undefined ? a / b : undefined;
  };
  const goalRow = (goal: string, judge: (name: string) => string, others = true) =>
    `| ${goal} | ${judge("infera")} | ${others ? judge("nginx") : ""} | ${others ? judge("portkey") : ""} |`;
  const lost =
    r.usage === null
      ? "pending"
      : `${int(r.usage.answered)} answered 200; ${int(r.usage.live)} in \`usage_records\` ${r.usage.waitedS.toFixed(0)} s after the last, ${int(r.usage.shipped)} after the server's stop — ${r.usage.answered === r.usage.shipped ? "met" : "missed"}`;
  const goals = [
    goalRow("added latency p50 ≤ 0.5 ms, c=1", (n) => msUnder(0.5)(n, r.c1, "p50")),
    goalRow("added latency p99 ≤ 2 ms, c=1", (n) => msUnder(2)(n, r.c1, "p99")),
    goalRow("added latency p50 ≤ 0.5 ms, c=32", (n) => msUnder(0.5)(n, r.c32, "p50")),
    goalRow("added latency p99 ≤ 2 ms, c=32", (n) => msUnder(2)(n, r.c32, "p99")),
    goalRow("time to first streamed chunk added ≤ 1 ms (p50)", (n) => msUnder(1)(n, r.ttft, "p50")),
    goalRow(
      "max requests/s ≥ 0.8× nginx",
      (n) =>
        verdict(
          ratio(n, "nginx"),
          (v) => v >= 0.8,
          (v) => `${v.toFixed(2)}×`,
        ),
      false,
    ),
    goalRow(
      "max requests/s ≥ 2× Portkey",
      (n) =>
        verdict(
          ratio(n, "portkey"),
          (v) => v >= 2,
          (v) => `${v.toFixed(2)}×`,
        ),
      false,
    ),
    `| zero usage records lost (every request of the run, the maximum-rate sweep included) | ${lost} | | |`,
  ];

  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const realLine =
    typeof r.real === "string"
      ? `- Real path: ${r.real}.`
      : typeof r.real.gateway === "string"
        ? `- Real path (${r.real.replica}; chat completion of exactly 16 tokens, ${r.real.direct.length} calls): replica directly **${med(r.real.direct).toFixed(0)} ms** median; through the gateway: pending (the gateway is not available, above).`
        : `- Real path (${r.real.replica}; chat completion of exactly 16 tokens, ${r.real.direct.length} calls each, alternated): replica directly **${med(r.real.direct).toFixed(0)} ms**, through the gateway **${med(r.real.gateway).toFixed(0)} ms** median — **${(med(r.real.gateway) / med(r.real.direct)).toFixed(3)}×**.`;

  const capped = [
    ["c=1", r.c1],
    ["c=32", r.c32],
    ["first chunk", r.ttft],
  ].flatMap(([what, m]) =>
    [...(m as Map<string, Figure>)]
      .filter(([, f]) => f.n < f.wanted)
      .map(
        ([name, f]) => `${label[name] ?? name} ${what}: ${int(f.n)} of ${int(f.wanted)} requests (time cap)`,
      ),
  );
  const failed = [
    ...[r.c1, r.c32, r.ttft].flatMap((m) =>
      [...m].filter(([, f]) => f.failures > 0).map(([n, f]) => `${n}: ${f.failures}`),
    ),
    ...[...r.max].filter(([, m]) => m.failures > 0).map(([n, m]) => `${n} at max rate: ${m.failures}`),
  ];
  const about = r.started.map(
    (t) =>
      `- ${label[t.name] ?? t.name}: ${"unavailable" in t ? `not available (${t.unavailable.replaceAll("|", "\\|")})` : t.about}.`,
  );
  return [
    `Run on ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}. **${cpus().length} cores** for everything: the upstream, the target, the load generator (each a process of its own) and other work on the machine (1-minute load average ${loadavg()[0]!.toFixed(1)} at the end) — compare each target with the direct baseline of the same run, not the absolute figures. The upstream answers \`POST /v1/chat/completions\` at once: a fixed chat completion with usage (${"~"}400 bytes), or SSE of a role chunk, ${CHUNKS} content chunks, a usage chunk and \`[DONE]\`. Load: undici \`Pool\`, keep-alive, one request per connection at a time; latency to the end of the body; ${C1.toLocaleString("en-US")} requests at c=1 and ${C32.toLocaleString("en-US")} at c=32 after a warm-up; time to first chunk over ${STREAM.toLocaleString("en-US")} streamed requests at c=1; max requests/s: ${SWEEP_MS / 1000} s at each concurrency of ${SWEEP_LEVELS.join(", ")} until two steps in a row add < 5%.`,
    "",
    ...about,
    "",
    "| target | c=1 p50 ms | c=1 p99 ms | c=32 p50 ms | c=32 p99 ms | first chunk p50 ms | first chunk p99 ms | max req/s |",
    "|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
    "Added to the direct call (target − direct, ms; max req/s as a ratio to direct):",
    "",
    "| target | c=1 p50 | c=1 p99 | c=32 p50 | c=32 p99 | first chunk p50 | first chunk p99 | max req/s |",
    "|---|---|---|---|---|---|---|---|",
    ...addedRows,
    "",
    "Goals (issue 12), judged on Infera; nginx and Portkey against the same latency goals for scale:",
    "",
    "| goal | Infera | nginx | Portkey |",
    "|---|---|---|---|",
    ...goals,
    "",
    realLine,
    ...(capped.length
      ? [`- Stopped by the ${FIGURE_CAP_MS / 1000} s cap per figure: ${capped.join("; ")}.`]
      : []),
    `- Requests not answered 200: ${failed.length ? failed.join("; ") : "none"}.`,
    "- At c=32 and at the maximum rate the target, the upstream and the load generator share two cores: the added latency there is as much CPU contention as proxy work, and the maximum rate of the direct baseline is the load generator's and the upstream's own limit.",
  ].join("\n");
}

await main();
