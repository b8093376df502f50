import { spawn } from "node:child_process";
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { USAGE_LATENCY_BUCKETS_MS, usageLatencyBucket } from "@infera/contracts";
import {
  createRegistry,
  defaultSettings,
  pruneUsageRecords,
  type ServiceContext,
  storeUsageRecords,
} from "@infera/core";
import { type DatabaseHandle, sql } from "@infera/db";
import { openTestDatabase, unwiredPorts } from "@infera/testing";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createMeter, type Meter } from "./create-meter.js";
import { segmentName } from "./segment-files.js";
import { usageRecordNo } from "./testing/usage-fixtures.js";

let db: DatabaseHandle;
let ctx: ServiceContext;
let dir: string;
const warnings: { obj: object; msg: string }[] = [];
const log = { info() {}, warn: (obj: object, msg: string) => warnings.push({ obj, msg }) };

beforeAll(async () => {
  db = await openTestDatabase();
  ctx = {
    db: db.db,
    principal: { type: "anonymous" },
    requestId: "test",
    ip: null,
    userAgent: null,
    now: () => new Date(),
    settings: defaultSettings,
    log: { ...log, error() {} },
    registry: createRegistry(),
    ...unwiredPorts(),
  };
});
afterAll(() => db?.close());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "infera-usage-journal-"));
  warnings.length = 0;
  await db.db.execute(sql`delete from usage_records`);
  await db.db.execute(sql`delete from usage_minutes`);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const meterOn = (opts: { maxSegmentBytes?: number } = {}): Meter =>
  createMeter({ dir, store: (batch) => storeUsageRecords({ ctx, batch }), log, batchSize: 300, ...opts });

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** The rollups, and the same sums computed from the raw records: they must agree. */
async function rollupsAndRecordSums() {
  const fromMinutes = await rows<Record<string, unknown>>(sql`
    select minute, api_key_id, revision_id, status_code, requests::int, streamed_requests::int,
      prompt_tokens::int, completion_tokens::int, round(latency_ms_sum::numeric, 3) as latency_sum,
      latency_ms_max as latency_max, ttft_count::int, round(ttft_ms_sum::numeric, 3) as ttft_sum,
      tpot_count::int, priced_requests::int, round(cost_estimate_sum, 6) as cost
    from usage_minutes order by 1, 2, 3, 4`);
  const fromRecords = await rows<Record<string, unknown>>(sql`
    select date_trunc('minute', at) as minute, api_key_id, revision_id, status_code, count(*)::int as requests,
      (count(*) filter (where streamed))::int as streamed_requests, sum(prompt_tokens)::int as prompt_tokens,
      sum(completion_tokens)::int as completion_tokens, round(sum(latency_ms)::numeric, 3) as latency_sum,
      max(latency_ms) as latency_max, count(ttft_ms)::int as ttft_count,
      round(coalesce(sum(ttft_ms), 0)::numeric, 3) as ttft_sum, count(tpot_ms)::int as tpot_count,
      count(cost_estimate)::int as priced_requests, round(coalesce(sum(cost_estimate), 0), 6) as cost
    from usage_records group by 1, 2, 3, 4 order by 1, 2, 3, 4`);
  return { fromMinutes, fromRecords };
}

const recordIds = async () =>
  (await rows<{ id: string }>(sql`select id from usage_records order by id`)).map((r) => r.id);
const expectedIds = (n: number) => Array.from({ length: n }, (_, i) => usageRecordNo(i).id);

describe("usage meter", () => {
  it("ships every record once, in several segments, and the rollups equal the records' sums", async () => {
    const meter = meterOn({ maxSegmentBytes: 32 * 1024 });
    for (let n = 0; n < 2000; n++) meter.record(usageRecordNo(n));
    const report = await meter.close();
    expect(report.segments).toBeGreaterThan(1);
    expect(await recordIds()).toEqual(expectedIds(2000));
    const { fromMinutes, fromRecords } = await rollupsAndRecordSums();
    expect(fromMinutes.length).toBeGreaterThan(4);
    expect(fromMinutes).toEqual(fromRecords);
    // The histogram holds every request once, in the bucket its latency falls in.
    const [h] = await rows<{ total: number; slow: number }>(sql`
      select sum(requests)::int as total,
        (select count(*)::int from usage_records where latency_ms > 2500 and latency_ms <= 5000) as slow
      from usage_minutes`);
    const buckets = await rows<{ b: string[] }>(sql`select latency_buckets as b from usage_minutes`);
    const summed = new Array(USAGE_LATENCY_BUCKETS_MS.length + 1).fill(0);
    for (const { b } of buckets) for (const [i, v] of b.entries()) summed[i] += Number(v);
    expect(summed.reduce((a, v) => a + v, 0)).toBe(h?.total);
    expect(summed[USAGE_LATENCY_BUCKETS_MS.indexOf(5000)]).toBe(h?.slow);
    expect(await readdir(dir)).toEqual([]);
  });

  it("stores a batch holding a record twice once, sums it once, and buckets latencies on the bounds as the contract does", async () => {
    // Latencies on and just past a bound, and past the last one; `at` on both sides of a minute.
    const latencies = [0, 10, 10.5, 25, 120_000, 120_000.5, 1e9];
    const base = usageRecordNo(2);
    const batch = latencies.map((latency_ms, i) => ({
      ...base,
      id: `usg_bounds_${i}`,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, 59, 999) + i).toISOString(),
      latency_ms,
    }));
    const first = await storeUsageRecords({ ctx, batch: [...batch, batch[0]!] });
    expect(first).toEqual({ inserted: 7, duplicates: 1 });
    const again = await storeUsageRecords({
      ctx,
      batch: [batch[1]!, { ...batch[1]!, id: "usg_bounds_new" }],
    });
    expect(again).toEqual({ inserted: 1, duplicates: 1 });
    const minutes = await rows<{ minute: Date | string; requests: number; b: string[] }>(
      sql`select minute, requests::int, latency_buckets as b from usage_minutes order by minute`,
    );
    expect(minutes.map((m) => [new Date(m.minute).toISOString(), m.requests])).toEqual([
      ["2026-01-01T00:00:00.000Z", 1],
      ["2026-01-01T00:01:00.000Z", 7],
    ]);
    const summed = new Array(USAGE_LATENCY_BUCKETS_MS.length + 1).fill(0);
    for (const { b } of minutes) for (const [i, v] of b.entries()) summed[i] += Number(v);
    const expected = new Array(USAGE_LATENCY_BUCKETS_MS.length + 1).fill(0);
    for (const l of [...latencies, 10]) expected[usageLatencyBucket(l)] += 1;
    expect(summed).toEqual(expected);
    const { fromMinutes, fromRecords } = await rollupsAndRecordSums();
    expect(fromMinutes).toEqual(fromRecords);
  });

  it("ships the same segment twice without a duplicate, and the rollups do not change", async () => {
    const meter = meterOn();
    for (let n = 0; n < 700; n++) meter.record(usageRecordNo(n));
    // A crash between the database's commit and the segment's deletion leaves it to ship again.
    const [sealed] = await readdir(dir);
    await copyFile(join(dir, sealed!), join(dir, "keep"));
    meter.record(usageRecordNo(700));
    const first = await meter.close();
    expect(first.inserted).toBe(701);
    const before = await rollupsAndRecordSums();
    await copyFile(join(dir, "keep"), join(dir, sealed!.replace(".open", ".sealed")));
    const again = await meterOn().close();
    expect(again).toMatchObject({ segments: 1, records: 700, inserted: 0, duplicates: 700 });
    expect(await recordIds()).toEqual(expectedIds(701));
    expect(await rollupsAndRecordSums()).toEqual(before);
    expect(before.fromMinutes).toEqual(before.fromRecords);
  });

  it("skips and reports a torn last line of a crashed process's segment, and ships the rest", async () => {
    const dead = await exitedPid();
    const lines = [0, 1, 2].map((n) => JSON.stringify(usageRecordNo(n))).join("\n");
    const torn = JSON.stringify(usageRecordNo(3)).slice(0, 40);
    await writeFile(join(dir, segmentName(Date.now() - 1000, dead, 1)), `${lines}\n${torn}`);
    const report = await meterOn().ship();
    expect(report).toMatchObject({ segments: 1, records: 3, inserted: 3, torn: 1, invalid: 0 });
    expect(await recordIds()).toEqual(expectedIds(3));
    expect(warnings).toEqual([
      {
        obj: expect.objectContaining({ torn: 1, line: torn }),
        msg: "usage journal: unreadable lines skipped",
      },
    ]);
    expect(await readdir(dir)).toEqual([]);
  });

  it("leaves alone the open segment of a process that still runs", async () => {
    const live = join(dir, segmentName(Date.now(), process.ppid, 1));
    await writeFile(live, `${JSON.stringify(usageRecordNo(0))}\n`);
    const report = await meterOn().ship();
    expect(report.segments).toBe(0);
    expect(await readFile(live, "utf8")).toContain(usageRecordNo(0).id);
    expect(await recordIds()).toEqual([]);
  });

  it("keeps every completed record of a process killed with -9 mid-flight, exactly once", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(import.meta.dirname, "testing/record-usage-forever.ts")],
      {
        env: { ...process.env, INFERA_TEST_JOURNAL_DIR: dir },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let out = "";
    const exited = new Promise((r) => child.once("exit", r));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        out += d;
        const last = [...out.matchAll(/RECORDED (\d+)/g)].at(-1);
        if (last && Number(last[1]) >= 3000) resolve();
      });
      child.once("exit", () => reject(new Error(`writer exited early:\n${out}`)));
    });
    child.kill("SIGKILL");
    await exited;
    const acknowledged = Math.max(...[...out.matchAll(/RECORDED (\d+)/g)].map((m) => Number(m[1])));
    const files = await readdir(dir);
    expect(files.some((f) => f.endsWith(".open"))).toBe(true);
    expect(files.filter((f) => f.endsWith(".sealed")).length).toBeGreaterThan(1);

    // The restarted process replays every segment left: sealed ones and the one cut off.
    const report = await meterOn().ship();
    const ids = await recordIds();
    expect(ids.length).toBeGreaterThanOrEqual(acknowledged);
    // Contiguous from the first: no record the writer completed is missing, none is there twice.
    expect(ids).toEqual(expectedIds(ids.length));
    expect(report.inserted).toBe(ids.length);
    const { fromMinutes, fromRecords } = await rollupsAndRecordSums();
    expect(fromMinutes).toEqual(fromRecords);
    expect(await readdir(dir)).toEqual([]);
  });

  it("prunes raw records past the retention period and keeps the rollups", async () => {
    const now = Date.now();
    const old = Array.from({ length: 5 }, (_, i) => usageRecordNo(i, now - 40 * 86_400_000));
    const recent = Array.from({ length: 3 }, (_, i) => usageRecordNo(10 + i, now - 3_600_000));
    await storeUsageRecords({ ctx, batch: [...old, ...recent] });
    const before = await rows<{ n: number }>(sql`select sum(requests)::int as n from usage_minutes`);
    expect(await pruneUsageRecords({ ctx, rawDays: 30 })).toBe(5);
    expect(await recordIds()).toEqual(recent.map((r) => r.id));
    expect(await rows(sql`select sum(requests)::int as n from usage_minutes`)).toEqual(before);
    expect(before).toEqual([{ n: 8 }]);
  });
});

/** The pid of a process that has exited (its segment is a crashed one). */
async function exitedPid(): Promise<number> {
  const p = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((r) => p.once("exit", r));
  return p.pid!;
}
