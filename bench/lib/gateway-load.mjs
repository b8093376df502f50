// The gateway bench's load generator: its own process (forked with an IPC channel), so that its
// event loop and CPU are not the orchestrator's. One undici Pool per measurement, keep-alive,
// `concurrency` connections each with one request at a time. Plain JavaScript: Node loads it
// without the TypeScript loader. Each message is one measurement; the answer is its raw figures.
import { Pool } from "undici";

/**
 * @typedef {{ origin: string, path: string, headers: Record<string,string>, body: string,
 *   concurrency: number, warmup: number, count?: number, durationMs?: number, maxMs?: number }} Load
 */

/** One request: status, bytes, ms to the first body chunk and to the end of the body. */
async function one(pool, load) {
  const t0 = process.hrtime.bigint();
  const { statusCode, body } = await pool.request({
    path: load.path,
    method: "POST",
    headers: load.headers,
    body: load.body,
  });
  let first = -1;
  let bytes = 0;
  // The start of the body, for the report when a request fails.
  let head = "";
  for await (const chunk of body) {
    if (first < 0) first = Number(process.hrtime.bigint() - t0) / 1e6;
    bytes += chunk.length;
    if (head.length < 300) head += chunk.toString("utf8");
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { status: statusCode, ms, first: first < 0 ? ms : first, bytes, head: head.slice(0, 300) };
}

/**
 * Runs `load`: a warm-up (not timed), then requests until `count` are done or `durationMs` /
 * `maxMs` have passed. Returns every timed request's latency and time to first chunk, and how many
 * requests (warm-up included) answered 200 — the gateway's usage records are counted against that.
 * @param {Load} load
 */
async function run(load) {
  const pool = new Pool(load.origin, {
    connections: load.concurrency,
    pipelining: 1,
    keepAliveTimeout: 60_000,
    keepAliveMaxTimeout: 120_000,
  });
  let ok = 0;
  let failures = 0;
  let lastFailure = "";
  let bytes = 0;
  const seen = (r) => {
    if (r.status === 200) ok++;
    else {
      failures++;
      lastFailure = `${r.status} ${r.head}`;
    }
  };
  const workers = (n, fn) => Promise.all(Array.from({ length: n }, fn));
  try {
    let warm = 0;
    await workers(load.concurrency, async () => {
      while (warm++ < load.warmup) seen(await one(pool, load));
    });
    const latencies = [];
    const firsts = [];
    const count = load.count ?? Number.POSITIVE_INFINITY;
    const deadline = Date.now() + (load.durationMs ?? load.maxMs ?? 60_000);
    let started = 0;
    const t0 = process.hrtime.bigint();
    await workers(load.concurrency, async () => {
      while (started < count && Date.now() < deadline) {
        started++;
        const r = await one(pool, load);
        seen(r);
        latencies.push(r.ms);
        firsts.push(r.first);
        bytes += r.bytes;
      }
    });
    const elapsedMs = Number(process.hrtime.bigint() - t0) / 1e6;
    return { ok: true, latencies, firsts, okCount: ok, failures, lastFailure, elapsedMs, bytes };
  } finally {
    await pool.close();
  }
}

process.on("message", (load) => {
  run(load).then(
    (r) => process.send(r),
    (err) => process.send({ ok: false, error: String(err?.stack ?? err) }),
  );
});
