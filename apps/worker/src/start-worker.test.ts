import { setTimeout as sleep } from "node:timers/promises";
import type { ServiceContext } from "@infera/core";
import { openQueueWorld, type QueueWorld } from "@infera/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { JobHandlers } from "./job-handler.js";
import { type RunningWorker, startWorker } from "./start-worker.js";

/** Workers (startWorker) over the real queue: what runs, how often, and what a stop leaves behind. */
describe("workers", () => {
  let world: QueueWorld;
  const workers: RunningWorker[] = [];
  beforeAll(async () => {
    world = await openQueueWorld();
  });
  afterEach(async () => {
    while (workers.length) await workers.pop()!.stop();
  });
  afterAll(async () => world?.close());

  const start = async (
    workerId: string,
    handlers: JobHandlers,
    opts: { ctx?: ServiceContext; concurrency?: number; graceMs?: number; pollIntervalMs?: number } = {},
  ) => {
    const w = await startWorker({
      ctx: opts.ctx ?? world.ctx,
      workerId,
      handlers,
      concurrency: opts.concurrency ?? 4,
      pollIntervalMs: opts.pollIntervalMs ?? 50,
      graceMs: opts.graceMs ?? 5000,
    });
    workers.push(w);
    return w;
  };
  const settled = async (kind: string, count: number) => {
    await expect
      .poll(
        async () =>
          (await world.items(kind)).filter((i) => i.status === "succeeded" || i.status === "dead").length,
        {
          timeout: 20_000,
          interval: 50,
        },
      )
      .toBe(count);
    return world.items(kind);
  };

  it("two workers on their own connections run each of 50 items exactly once", async () => {
    const runs = new Map<number, string[]>();
    const handler =
      (name: string): JobHandlers["test.count"] =>
      async ({ job }) => {
        const n = (job.payload as { n: number }).n;
        runs.set(n, [...(runs.get(n) ?? []), name]);
        await sleep(5);
      };
    await start("a", { "test.count": handler("a") });
    await start("b", { "test.count": handler("b") }, { ctx: await world.anotherContext() });
    for (let n = 0; n < 50; n++) await world.enqueue("test.count", { n });
    const items = await settled("test.count", 50);
    expect(items.every((i) => i.status === "succeeded" && i.attempts === 1)).toBe(true);
    expect([...runs.keys()].sort((x, y) => x - y)).toEqual([...Array(50).keys()]);
    expect([...runs.values()].every((by) => by.length === 1)).toBe(true);
    // Both took part.
    const by = [...runs.values()].flat();
    expect(by).toContain("a");
    expect(by).toContain("b");
  });

  it("heartbeats keep an attempt that runs past its lease time; a second worker never takes it", async () => {
    const ran: string[] = [];
    const slow: JobHandlers["test.slow"] = async ({ job, signal }) => {
      ran.push(`${job.id}#${job.attempt}`);
      await sleep((job.payload as { ms: number }).ms, undefined, { signal });
    };
    await start("a", { "test.slow": slow });
    await start("b", { "test.slow": slow }, { ctx: await world.anotherContext() });
    // 4 s: more than twice the 1.5 s lease.
    const { id } = await world.enqueue("test.slow", { ms: 4000 });
    const [item] = (await settled("test.slow", 1)).filter((i) => i.id === id);
    expect(item).toMatchObject({ status: "succeeded", attempts: 1 });
    expect(ran).toEqual([`${id}#1`]);
  });

  it("aborts a handler whose lease another attempt took over, and never completes it", async () => {
    let seen: unknown;
    let finished = false;
    await start("a", {
      "test.slow": async ({ signal }) => {
        await sleep(10_000, undefined, { signal }).catch(() => {
          seen = signal.reason;
        });
        finished = true;
      },
    });
    const { id } = await world.enqueue("test.slow", { ms: 0 });
    await expect.poll(async () => (await world.item(id)).status).toBe("leased");
    // Someone else holds it now (the lease expired while this worker stalled, and was taken over).
    const taken = await world.takeOver(id, "thief");
    await expect.poll(() => finished, { timeout: 5000 }).toBe(true);
    expect(String(seen)).toMatch(/lease lost/);
    await sleep(200);
    expect(await world.item(id)).toMatchObject({ status: "leased", leaseOwner: "thief", attempts: 2 });
    expect(await world.ctx.queue.complete(taken)).toBe(true);
  });

  it("retries a failing job after its backoff and ends it as a dead letter with the last error", async () => {
    const attempts: number[] = [];
    await start("a", {
      "test.slow": async ({ job }) => {
        attempts.push(job.attempt);
        throw new Error(`could not do it (attempt ${job.attempt})`);
      },
    });
    const { id } = await world.enqueue("test.slow", { ms: 0, fail: true });
    await expect.poll(async () => (await world.item(id)).status, { timeout: 10_000 }).toBe("dead");
    expect(attempts).toEqual([1, 2, 3]);
    expect(await world.item(id)).toMatchObject({
      attempts: 3,
      lastError: "could not do it (attempt 3)",
      leaseOwner: null,
    });
  });

  it("on stop, waits for running jobs, then gives back the ones that stop when aborted", async () => {
    const { id: quick } = await world.enqueue("test.slow", { ms: 300 });
    const { id: long } = await world.enqueue("test.slow", { ms: 60_000 });
    const w = await start(
      "a",
      {
        "test.slow": async ({ job, signal }) => {
          await sleep((job.payload as { ms: number }).ms, undefined, { signal });
        },
      },
      { graceMs: 1000 },
    );
    await expect.poll(async () => (await world.item(long)).status).toBe("leased");
    await w.stop();
    expect(await world.item(quick)).toMatchObject({ status: "succeeded" });
    // Interrupted by the stop: queued again at once, the attempt not counted.
    expect(await world.item(long)).toMatchObject({ status: "queued", attempts: 0, leaseOwner: null });
    await drainSlow(world);
  });

  it("leaves a handler that ignores the abort leased, for another worker to take over when it expires", async () => {
    let release: () => void = () => {};
    const stuck = new Promise<void>((r) => (release = r));
    const w = await start("a", { "test.slow": () => stuck }, { graceMs: 100 });
    const { id } = await world.enqueue("test.slow", { ms: 0 });
    await expect.poll(async () => (await world.item(id)).status).toBe("leased");
    await w.stop();
    expect(await world.item(id)).toMatchObject({ status: "leased", leaseOwner: "a", attempts: 1 });
    // Another worker takes it once the lease ran out (no heartbeats any more), as attempt 2.
    await start("b", { "test.slow": async () => {} });
    await expect.poll(async () => (await world.item(id)).status, { timeout: 10_000 }).toBe("succeeded");
    expect((await world.item(id)).attempts).toBe(2);
    release();
  });

  it("dead-letters an item whose stored payload its kind no longer accepts, without running it", async () => {
    let ran = false;
    await start("a", {
      "test.count": async () => {
        ran = true;
      },
    });
    const { id } = await world.enqueue("test.count", { n: 1 }, { delaySeconds: 3600 });
    await world.setPayload(id, { n: "one" });
    await world.age(id, 3600);
    await expect.poll(async () => (await world.item(id)).status).toBe("dead");
    expect(ran).toBe(false);
    expect((await world.item(id)).lastError).toMatch(/payload of test\.count is not valid: n /);
  });

  it("ticks schedules: two workers enqueue each slot once, and each item runs once", async () => {
    const runs: string[] = [];
    const handlers: JobHandlers = {
      "test.count": async ({ job }) => {
        runs.push(job.id);
      },
    };
    // Not dueNow: each start would then make it due at its own moment, off the one-second grid.
    const schedule = { name: "test.every_second", kind: "test.count", payload: { n: 7 }, intervalSeconds: 1 };
    const before = (await world.items("test.count")).length;
    await startWorker({
      ctx: world.ctx,
      workerId: "a",
      handlers,
      pollIntervalMs: 20,
      schedules: [schedule],
    }).then((w) => workers.push(w));
    await startWorker({
      ctx: await world.anotherContext(),
      workerId: "b",
      handlers,
      pollIntervalMs: 20,
      schedules: [schedule],
    }).then((w) => workers.push(w));
    await expect.poll(() => runs.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    while (workers.length) await workers.pop()!.stop();
    const items = (await world.items("test.count")).slice(before);
    const slots = items.map((i) => i.idempotencyKey);
    expect(slots.every((k) => k?.startsWith("schedule:test.every_second:"))).toBe(true);
    expect(new Set(slots).size).toBe(items.length);
    // Slots on the one-second grid, each once (a stalled machine may skip one, never repeat one).
    const times = slots.map((k) => Date.parse(k!.slice("schedule:test.every_second:".length)));
    for (let i = 1; i < times.length; i++) {
      const gap = times[i]! - times[i - 1]!;
      expect(gap >= 1000 && gap % 1000 === 0, `slots ${gap} ms apart`).toBe(true);
    }
    expect(new Set(runs).size).toBe(runs.length);
    await world.ctx.queue.removeSchedule("test.every_second");
  });

  // Last: the items it leaves behind would count in the tests above.
  it("an idle worker wakes when an item of its kinds is enqueued, not at its next poll (a minute away)", async () => {
    const ran: number[] = [];
    await start(
      "listener",
      { "test.slow": async ({ job }) => void ran.push((job.payload as { ms: number }).ms) },
      {
        pollIntervalMs: 60_000,
        ctx: await world.anotherContext(),
      },
    );
    await sleep(300); // its first poll found nothing; it now sleeps for a minute
    const enqueuedAt = performance.now();
    await world.enqueue("test.slow", { ms: 4242 });
    await expect.poll(() => ran.includes(4242), { timeout: 5_000, interval: 20 }).toBe(true);
    expect(performance.now() - enqueuedAt).toBeLessThan(5_000);
  });
});

async function drainSlow(world: QueueWorld) {
  for (;;) {
    const got = await world.ctx.queue.lease("drain", ["test.slow"], 50);
    if (!got.length) return;
    for (const l of got) await world.ctx.queue.complete(l);
  }
}
