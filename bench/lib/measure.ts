import { Worker } from "node:worker_threads";

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  /** Requests per second over the measured window. */
  rps: number;
  bytes: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export function summarize(latencies: number[], elapsedMs: number, bytes = 0): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    rps: sorted.length / (elapsedMs / 1000),
    bytes,
  };
}

export interface HttpLoad {
  origin: string;
  method?: "GET" | "POST";
  /** Cycled through, one per request. */
  paths: string[];
  /** JSON body; every `{i}` is replaced by the request number and `{run}` by a tag of this measurement (unique names for creates). */
  body?: string;
  token: string;
  expect: number;
  count: number;
  warmup: number;
  concurrency: number;
  /** Stop early after this long, so a slow figure cannot stall the run. */
  maxMs: number;
}

/** Real HTTP requests over loopback from a worker thread, `concurrency` at a time with keep-alive. */
export function measureHttp(load: HttpLoad): Promise<Stats> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./load-worker.mjs", import.meta.url), {
      workerData: {
        origin: load.origin,
        method: load.method ?? "GET",
        paths: load.paths,
        body: load.body,
        headers: { authorization: `Bearer ${load.token}` },
        expect: load.expect,
        count: load.count,
        warmup: load.warmup,
        concurrency: load.concurrency,
        maxMs: load.maxMs,
      },
    });
    worker.once("message", (m) => {
      void worker.terminate();
      if (!m.ok) return reject(new Error(m.error));
      if (m.failures > 0)
        return reject(new Error(`${m.failures} requests to ${load.paths[0]} failed: ${m.lastFailure}`));
      resolve(summarize(m.latencies, m.elapsedMs, m.bytesPerResponse));
    });
    worker.once("error", reject);
  });
}

/** Runs `fn` on this thread, `concurrency` calls in flight, after a warm-up; times each call. */
export async function measureCalls(
  fn: (i: number) => Promise<unknown>,
  opts: { count: number; warmup: number; concurrency: number; maxMs: number },
): Promise<Stats> {
  let next = 0;
  for (let i = 0; i < opts.warmup; i++) await fn(next++);
  const latencies: number[] = [];
  const deadline = Date.now() + opts.maxMs;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (latencies.length < opts.count && Date.now() < deadline) {
        const t0 = process.hrtime.bigint();
        await fn(next++);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  return summarize(latencies, Date.now() - started);
}
