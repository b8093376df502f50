/**
 * The gateway's limits (issue 12, part 3; not a test): what `admit()` costs on the hot path, in
 * this process and through Redis, against baselines measured in the same run — a bare `Map`
 * increment (the least any in-process counter costs) and a bare Redis `INCR` round trip on the
 * same kind of connection (the least any shared counter costs). Also `charge()`, and admissions
 * 32 at a time against `INCR`s 32 at a time. Writes its section of docs/benchmarks.md.
 *
 *   npx tsx bench/gateway-limits.ts        # Redis at INFERA_TEST_REDIS_URL (default redis://127.0.0.1:6379)
 */
import { randomBytes } from "node:crypto";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { type CallIdentity, createCallAdmitter } from "@infera/gateway";
import { Redis } from "ioredis";
import { writeSection } from "./lib/benchmarks-md.js";
import { percentile } from "./lib/measure.js";

const DOC = fileURLToPath(new URL("../docs/benchmarks.md", import.meta.url));
const REDIS_URL = process.env.INFERA_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const N = Number(process.env.BENCH_LIMIT_CALLS ?? 20_000);
const KEYS = 1_000;
const prefix = `infera-bench:${randomBytes(4).toString("hex")}:`;
const quiet = { info() {}, warn: (o: object, m: string) => console.warn(m, o) };

interface Timing {
  name: string;
  p50: number;
  p99: number;
  perSecond: number;
}

/** Times `fn(i)` N times, one call at a time, yielding to the event loop every 1,000 calls (as requests would). */
async function timeCalls(name: string, fn: (i: number) => unknown): Promise<Timing> {
  for (let i = 0; i < 2000; i++) await fn(i);
  const each = new Float64Array(N);
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const s = performance.now();
    const r = fn(i);
    if (r instanceof Promise) await r;
    each[i] = performance.now() - s;
    if (i % 1000 === 999) await new Promise((r) => setImmediate(r));
  }
  const total = performance.now() - t0;
  const sorted = [...each].sort((a, b) => a - b);
  return {
    name,
    p50: percentile(sorted, 50) * 1000,
    p99: percentile(sorted, 99) * 1000,
    perSecond: N / (total / 1000),
  };
}

/** Calls per second with `lanes` calls in flight at once. */
async function rateAt(lanes: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < N) await fn(next++);
    }),
  );
  return N / ((performance.now() - t0) / 1000);
}

// 1,000 keys with the limits a real key has; 600 rpm is never reached here (20 calls a key a pass).
const calls: CallIdentity[] = Array.from({ length: KEYS }, (_, i) => ({
  tenantId: "tenant_bench",
  projectId: "project_bench",
  apiKeyId: `apikey_bench_${i}`,
  serviceId: "service_bench",
  revisionId: "revision_bench",
  limits: { rpm: 1_000_000, dailyTokens: 2_000_000_000 },
}));
const callNo = (i: number) => calls[i % KEYS] as CallIdentity;
const admitted = async (p: Promise<{ ok: boolean }>) => {
  if (!(await p).ok) throw new Error("refused");
};

const redis = new Redis(REDIS_URL);
const memory = createCallAdmitter({ log: quiet });
const shared = createCallAdmitter({
  redisUrl: REDIS_URL,
  redisPrefix: prefix,
  redisFailMode: "closed",
  log: quiet,
});
try {
  const counts = new Map<string, number>();
  const mapBase = await timeCalls("baseline: bare `Map` increment", (i) => {
    const k = callNo(i).apiKeyId as string;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  });
  const mem = await timeCalls("`admit()` in memory (RPM window + daily tokens)", (i) =>
    admitted(memory.admit(callNo(i))),
  );
  const memCharge = await timeCalls("`charge()` in memory", (i) => memory.charge(callNo(i), 100));
  const incrBase = await timeCalls("baseline: bare Redis `INCR` round trip", (i) =>
    redis.incr(`${prefix}incr:${i % KEYS}`),
  );
  const red = await timeCalls("`admit()` through Redis (one script)", (i) =>
    admitted(shared.admit(callNo(i))),
  );
  const redCharge = await timeCalls("`charge()` through Redis (one script)", (i) =>
    shared.charge(callNo(i), 100),
  );
  const incrRate = await rateAt(32, (i) => redis.incr(`${prefix}incr:${i % KEYS}`));
  const admitRate = await rateAt(32, (i) => admitted(shared.admit(callNo(i))));
  const memRate = await rateAt(32, (i) => admitted(memory.admit(callNo(i))));

  const us = (n: number) => n.toFixed(n < 10 ? 2 : 1);
  const rate = (n: number) => Math.round(n).toLocaleString("en-US");
  const row = (t: Timing) => `| ${t.name} | ${us(t.p50)} | ${us(t.p99)} | ${rate(t.perSecond)} |`;
  const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const body = `\`bench/gateway-limits.ts\`, ${new Date().toISOString().slice(0, 10)}, ${N.toLocaleString("en-US")} calls per figure over ${KEYS} keys (RPM and daily token limits set), Redis ${(await redis.info("server")).match(/redis_version:(\S+)/)?.[1] ?? "?"} on loopback, ${cpus().length} CPU(s) (${cpus()[0]?.model.trim() ?? "unknown"}) shared with other work, Node ${process.version}: compare the ratios, not the absolute figures.

| call (one at a time) | p50 µs | p99 µs | calls/s |
|---|---|---|---|
${[mapBase, mem, memCharge, incrBase, red, redCharge].map(row).join("\n")}

- In memory: \`admit()\` against a bare \`Map\` increment, p50 **${x(mem.p50, mapBase.p50)}** (the sliding window keeps each admission's time; a \`Promise\` per call).
- Through Redis: \`admit()\` against a bare \`INCR\` round trip, p50 **${x(red.p50, incrBase.p50)}**, p99 **${x(red.p99, incrBase.p99)}** — one round trip either way; the difference is the script (daily tokens \`GET\`, \`ZREMRANGEBYSCORE\`, \`ZCARD\`, \`ZADD\`, \`PEXPIRE\`).
- 32 in flight: \`admit()\` through Redis **${rate(admitRate)}/s** against \`INCR\` **${rate(incrRate)}/s** (${x(admitRate, incrRate)}); in memory **${rate(memRate)}/s**. One Redis serves every gateway process: its script time, not the gateway's, is the shared ceiling.`;
  process.stdout.write(`${body}\n`);
  if (!process.env.BENCH_NO_WRITE) {
    writeSection(DOC, "## Gateway limits (issue 12)", body);
    process.stdout.write("\nwritten to docs/benchmarks.md\n");
  }
} finally {
  await Promise.all([memory.close(), shared.close()]);
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== "0");
  await redis.quit();
}
