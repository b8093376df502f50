import { DomainError, registerNode } from "@infera/core";
import { openQueueWorld, type QueueWorld } from "@infera/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** The queue port itself (core's database queue), one call at a time and in races. */
describe("the job queue", () => {
  let world: QueueWorld;
  beforeAll(async () => {
    world = await openQueueWorld();
  });
  afterAll(async () => world?.close());

  it("refuses an unknown kind or a payload its schema rejects, naming the field, and stores nothing", async () => {
    const bad = await world.enqueue("housekeeping.queue_prune", { succeeded_days: "soon" }).catch((e) => e);
    expect(bad).toBeInstanceOf(DomainError);
    expect(bad).toMatchObject({ code: "validation_error" });
    expect(bad.message).toMatch(/^payload of housekeeping\.queue_prune is not valid: succeeded_days /);
    expect(bad.details.fields[0]).toMatchObject({ path: "succeeded_days" });
    const extra = await world.enqueue("housekeeping.upload_sweep", { all: true }).catch((e) => e);
    expect(extra.message).toMatch(/payload of housekeeping\.upload_sweep is not valid/);
    const unknown = await world.enqueue("housekeeping.nothing", {}).catch((e) => e);
    expect(unknown).toMatchObject({
      code: "validation_error",
      message: 'unknown job kind "housekeeping.nothing"',
    });
    expect(await world.items("housekeeping.queue_prune")).toEqual([]);
    // Defaults of the schema are filled in before the payload is stored.
    const ok = await world.enqueue("housekeeping.queue_prune", {});
    expect((await world.item(ok.id)).payload).toEqual({ succeeded_days: 7, dead_days: 30 });
  });

  it("commits with the caller's transaction and rolls back with it", async () => {
    const rolledBack = await world.ctx.db
      .transaction(async (tx) => {
        await world.ctx.queue.enqueue({ db: tx, inTransaction: true }, "test.count", { n: -1 });
        throw new Error("the domain write failed");
      })
      .catch((e: Error) => e.message);
    expect(rolledBack).toBe("the domain write failed");
    expect((await world.items("test.count")).filter((i) => (i.payload as { n: number }).n === -1)).toEqual(
      [],
    );
  });

  it("gives an item targeted at a node only to a worker of that node; untargeted items to anyone", async () => {
    const forA = await world.enqueue("test.slow", { ms: 1 }, { targetNode: "node_a" });
    const forB = await world.enqueue("test.slow", { ms: 2 }, { targetNode: "node_b" });
    const any = await world.enqueue("test.slow", { ms: 3 });
    // A worker without a node takes the untargeted item only.
    const plain = await world.ctx.queue.lease("w-plain", ["test.slow"], 10);
    expect(plain.map((l) => l.id)).toEqual([any.id]);
    // A worker of node A takes A's item, never B's, however many it asks for.
    const a = await world.ctx.queue.lease("w-a", ["test.slow"], 10, { node: "node_a" });
    expect(a.map((l) => l.id)).toEqual([forA.id]);
    expect(await world.ctx.queue.lease("w-a", ["test.slow"], 10, { node: "node_a" })).toEqual([]);
    // An expired lease of A's item goes back to A's workers only (the same node after a restart).
    await world.ctx.queue.expireLeases(["w-a"]);
    expect(await world.ctx.queue.lease("w-c", ["test.slow"], 10, { node: "node_c" })).toEqual([]);
    const again = await world.ctx.queue.lease("w-a2", ["test.slow"], 10, { node: "node_a" });
    expect(again.map((l) => [l.id, l.attempt])).toEqual([[forA.id, 2]]);
    const b = await world.ctx.queue.lease("w-b", ["test.slow"], 10, { node: "node_b" });
    expect(b.map((l) => l.id)).toEqual([forB.id]);
    for (const l of [...plain, ...again, ...b]) expect(await world.ctx.queue.complete(l)).toBe(true);
  });

  it("returns the first item for the same kind and idempotency key, whatever its state", async () => {
    const first = await world.enqueue("test.count", { n: 1 }, { idempotencyKey: "once" });
    expect(first.created).toBe(true);
    const again = await world.enqueue("test.count", { n: 2 }, { idempotencyKey: "once" });
    expect(again).toEqual({ id: first.id, created: false });
    const [leased] = await world.ctx.queue.lease("w", ["test.count"], 1);
    expect(leased?.id).toBe(first.id);
    expect(await world.ctx.queue.complete(leased!)).toBe(true);
    expect(await world.enqueue("test.count", { n: 3 }, { idempotencyKey: "once" })).toEqual({
      id: first.id,
      created: false,
    });
    // The key is per kind.
    expect((await world.enqueue("test.slow", { ms: 1 }, { idempotencyKey: "once" })).created).toBe(true);
    await drain(world, "test.slow");
  });

  it("leases in priority order, then in the order items fell due, and not before run_after", async () => {
    const low = await world.enqueue("test.count", { n: 10 });
    const high = await world.enqueue("test.count", { n: 11 }, { priority: 5 });
    const later = await world.enqueue("test.count", { n: 12 }, { priority: 9, delaySeconds: 3600 });
    const leased = await world.ctx.queue.lease("w", ["test.count"], 5);
    expect(leased.map((l) => l.id)).toEqual([high.id, low.id]);
    expect(leased[0]).toMatchObject({ attempt: 1, owner: "w", payload: { n: 11 }, maxAttempts: 3 });
    for (const l of leased) await world.ctx.queue.complete(l);
    await world.age(later.id, 3600);
    expect((await world.ctx.queue.lease("w", ["test.count"], 5)).map((l) => l.id)).toEqual([later.id]);
    await drain(world, "test.count");
  });

  it("takes an expired lease over as the next attempt; the first owner is fenced off", async () => {
    const { id } = await world.enqueue("test.count", { n: 20 });
    const [dead] = await world.ctx.queue.lease("crashed-worker", ["test.count"], 1);
    expect(await world.ctx.queue.lease("other", ["test.count"], 1)).toEqual([]);
    await world.age(id, 31); // the lease (30 s) ran out without a heartbeat
    const [taken] = await world.ctx.queue.lease("other", ["test.count"], 1);
    expect(taken).toMatchObject({ id, attempt: 2, owner: "other" });
    expect(await world.ctx.queue.heartbeat(dead!)).toBe(false);
    expect(await world.ctx.queue.complete(dead!)).toBe(false);
    expect(await world.ctx.queue.fail(dead!, "late")).toEqual({ status: "lost" });
    expect(await world.ctx.queue.complete(taken!)).toBe(true);
    expect(await world.item(id)).toMatchObject({ status: "succeeded", attempts: 2, leaseOwner: null });
  });

  it("ends the leases of owners known dead at once: the next lease takes their items over as the next attempt", async () => {
    const { id } = await world.enqueue("test.count", { n: 21 });
    const [dead] = await world.ctx.queue.lease("host-a:4242:abc", ["test.count"], 1);
    expect(await world.ctx.queue.leaseOwners("host-a:")).toEqual(["host-a:4242:abc"]);
    expect(await world.ctx.queue.leaseOwners("host-b:")).toEqual([]);
    // A prefix is literal: LIKE's wildcards in it match only themselves.
    expect(await world.ctx.queue.leaseOwners("host_a:")).toEqual([]);
    expect(await world.ctx.queue.expireLeases(["host-a:4242:abc"])).toBe(1);
    const [taken] = await world.ctx.queue.lease("host-a:4343:def", ["test.count"], 1);
    expect(taken).toMatchObject({ id, attempt: 2 });
    expect(await world.ctx.queue.complete(dead!)).toBe(false);
    expect(await world.ctx.queue.complete(taken!)).toBe(true);
    expect(await world.ctx.queue.expireLeases([])).toBe(0);
  });

  it("a heartbeat keeps the lease; the same worker taking an item again is a new attempt it cannot confuse", async () => {
    const { id } = await world.enqueue("test.count", { n: 21 });
    const [first] = await world.ctx.queue.lease("w", ["test.count"], 1);
    const before = (await world.item(id)).leaseExpiresAt!;
    await world.age(id, 29);
    expect(await world.ctx.queue.heartbeat(first!)).toBe(true);
    expect(+(await world.item(id)).leaseExpiresAt!).toBeGreaterThanOrEqual(+before);
    expect(await world.ctx.queue.lease("w", ["test.count"], 1)).toEqual([]);
    await world.age(id, 31);
    const [second] = await world.ctx.queue.lease("w", ["test.count"], 1);
    expect(second).toMatchObject({ id, attempt: 2, owner: "w" });
    // Same owner name, older attempt: fenced off all the same.
    expect(await world.ctx.queue.complete(first!)).toBe(false);
    expect(await world.ctx.queue.complete(second!)).toBe(true);
  });

  it("retries after an exponential backoff, then keeps the last error in a dead letter", async () => {
    const { id } = await world.enqueue("test.count", { n: 30 });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [l] = await world.ctx.queue.lease("w", ["test.count"], 1);
      expect(l).toMatchObject({ id, attempt, lastError: attempt === 1 ? null : `boom ${attempt - 1}` });
      const outcome = await world.ctx.queue.fail(l!, `boom ${attempt}`);
      if (outcome.status !== "retry") {
        expect(outcome).toEqual({ status: "dead" });
        break;
      }
      delays.push(outcome.delaySeconds);
      const row = await world.item(id);
      expect(row.status).toBe("queued");
      // Not due before the backoff has passed (by the database's clock).
      expect(+row.runAfter - +row.updatedAt).toBeCloseTo(outcome.delaySeconds * 1000, -1);
      expect(await world.ctx.queue.lease("w", ["test.count"], 1)).toEqual([]);
      await world.age(id, outcome.delaySeconds);
    }
    expect(delays).toEqual([30, 60]);
    const row = await world.item(id);
    expect(row).toMatchObject({ status: "dead", attempts: 3, lastError: "boom 3", leaseOwner: null });
    expect(row.finishedAt).not.toBeNull();
  });

  it("makes an item whose last attempt's lease expired a dead letter instead of a fourth attempt", async () => {
    const { id } = await world.enqueue("test.count", { n: 31 });
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [l] = await world.ctx.queue.lease("w", ["test.count"], 1);
      expect(l?.attempt).toBe(attempt);
      await world.age(id, 31); // killed mid-attempt: no heartbeat, no fail
    }
    expect(await world.ctx.queue.lease("w", ["test.count"], 1)).toEqual([]);
    const row = await world.item(id);
    expect(row).toMatchObject({ status: "dead", attempts: 3 });
    expect(row.lastError).toMatch(/lease of attempt 3 \(w\) expired without a heartbeat/);
  });

  it("runs the kind's dead-letter hook in the transaction that kills the item, on both roads to dead", async () => {
    // A failed last attempt.
    const failed = await world.enqueue("test.buried", {});
    for (let attempt = 1; attempt <= 2; attempt++) {
      const [l] = await world.ctx.queue.lease("w", ["test.buried"], 1);
      const outcome = await world.ctx.queue.fail(l!, `boom ${attempt}`);
      if (attempt === 1) await world.age(failed.id, 30);
      else expect(outcome).toEqual({ status: "dead" });
    }
    expect(await world.item(failed.id)).toMatchObject({
      status: "dead",
      lastError: "boom 2 [buried after 2 attempts]",
    });
    // The last attempt's lease expired: buried by the next lease pass.
    const expired = await world.enqueue("test.buried", {});
    for (let attempt = 1; attempt <= 2; attempt++) {
      await world.ctx.queue.lease("w", ["test.buried"], 1);
      await world.age(expired.id, 31);
    }
    expect(await world.ctx.queue.lease("w", ["test.buried"], 1)).toEqual([]);
    const row = await world.item(expired.id);
    expect(row.status).toBe("dead");
    expect(row.lastError).toMatch(/^lease of attempt 2 \(w\) expired .* \[buried after 2 attempts\]$/s);
  });

  it("a dead-letter hook that throws leaves the item as it was: not dead, its error not marked", async () => {
    const { id } = await world.enqueue("test.buried", { refuse: true });
    const [first] = await world.ctx.queue.lease("w", ["test.buried"], 1);
    await world.ctx.queue.fail(first!, "boom 1");
    await world.age(id, 30);
    const [last] = await world.ctx.queue.lease("w", ["test.buried"], 1);
    await expect(world.ctx.queue.fail(last!, "boom 2")).rejects.toThrow("the hook refuses");
    expect(await world.item(id)).toMatchObject({ status: "leased", attempts: 2, lastError: "boom 1" });
    // The lease runs out: the lease pass tries to bury it, the hook throws again, nothing changes.
    await world.age(id, 31);
    await expect(world.ctx.queue.lease("w", ["test.buried"], 1)).rejects.toThrow("the hook refuses");
    expect(await world.item(id)).toMatchObject({ status: "leased", attempts: 2, lastError: "boom 1" });
  });

  it("fails at once, without retries, when told the failure is final; a release gives the attempt back", async () => {
    const { id } = await world.enqueue("test.count", { n: 32 });
    const [l] = await world.ctx.queue.lease("w", ["test.count"], 1);
    expect(await world.ctx.queue.release(l!)).toBe(true);
    expect(await world.item(id)).toMatchObject({ status: "queued", attempts: 0, leaseOwner: null });
    const [again] = await world.ctx.queue.lease("w", ["test.count"], 1);
    expect(again?.attempt).toBe(1);
    expect(await world.ctx.queue.fail(again!, "cannot read it", { final: true })).toEqual({ status: "dead" });
    expect(await world.item(id)).toMatchObject({ status: "dead", attempts: 1, lastError: "cannot read it" });
  });

  it("two connections leasing at the same time never take the same item", async () => {
    const other = await world.anotherContext();
    const ids = new Set<string>();
    for (let n = 0; n < 40; n++) ids.add((await world.enqueue("test.count", { n: 1000 + n })).id);
    const taken: string[] = [];
    await Promise.all(
      [world.ctx, other, world.ctx, other].map(async (c, w) => {
        for (;;) {
          const got = await c.queue.lease(`w${w}`, ["test.count"], 3);
          if (!got.length) return;
          for (const l of got) {
            taken.push(l.id);
            await c.queue.complete(l);
          }
        }
      }),
    );
    expect(taken.length).toBe(40);
    expect(new Set(taken)).toEqual(ids);
  });

  it("enqueues a due schedule once per slot however many workers tick at once, and moves it to the next slot", async () => {
    const other = await world.anotherContext();
    await world.ctx.queue.ensureSchedule({
      name: "test.tick",
      kind: "test.count",
      payload: { n: 100 },
      intervalSeconds: 60,
    });
    const tick = () =>
      Promise.all(
        [world.ctx, other, world.ctx, other, world.ctx, other].map((c) =>
          c.queue.enqueueDueSchedules(["test.count"]),
        ),
      );
    // Created one interval ahead: not due yet.
    expect((await tick()).flat()).toEqual([]);
    await world.ageSchedule("test.tick", 60);
    expect((await tick()).flat()).toHaveLength(1);
    expect((await tick()).flat()).toEqual([]);
    // Three slots missed (a weekend without workers) collapse into one run.
    await world.ageSchedule("test.tick", 180);
    expect((await tick()).flat()).toHaveLength(1);
    expect((await tick()).flat()).toEqual([]);
    const keys = (await world.items("test.count"))
      .map((i) => i.idempotencyKey)
      .filter((k) => k?.startsWith("schedule:test.tick:"));
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
    // Asked to be due now (a worker starting), it is; a changed interval is taken.
    await world.ctx.queue.ensureSchedule({
      name: "test.tick",
      kind: "test.count",
      payload: { n: 101 },
      intervalSeconds: 30,
      dueNow: true,
    });
    const [created] = (await tick()).flat();
    expect((await world.item(created!.id)).payload).toEqual({ n: 101 });
    expect(await world.ctx.queue.removeSchedule("test.tick")).toBe(true);
    await drain(world, "test.count");
  });

  it("ticks a node's own schedule only on that node's worker, targets its items there", async () => {
    const node = (name: string) =>
      registerNode({
        ctx: world.ctx,
        node: {
          name: `${name}-${Date.now().toString(36)}`,
          roles: ["worker"],
          cpus: 1,
          memoryBytes: 1024 ** 3,
          gpus: [],
          version: "test",
          maxReplicas: 0,
        },
      });
    const [a, b] = [await node("sched-a"), await node("sched-b")];
    const spec = {
      kind: "test.count",
      payload: { n: 200 },
      intervalSeconds: 60,
      dueNow: true,
      perNode: true,
    };
    // A per-node spec is only stored as some node's copy.
    expect(
      await world.ctx.queue.ensureSchedule({ ...spec, name: "test.per_node" }).catch((e) => e),
    ).toMatchObject({
      code: "validation_error",
    });
    for (const n of [a, b])
      await world.ctx.queue.ensureSchedule({ ...spec, name: `test.per_node:${n.id}`, targetNode: n.id });
    // A worker without a node, or of another node, ticks neither.
    expect(await world.ctx.queue.enqueueDueSchedules(["test.count"])).toEqual([]);
    expect(await world.ctx.queue.enqueueDueSchedules(["test.count"], { node: "node_elsewhere" })).toEqual([]);
    // Each node's worker ticks its own, once, even when both tick at once.
    const other = await world.anotherContext();
    const ticks = await Promise.all([
      world.ctx.queue.enqueueDueSchedules(["test.count"], { node: a.id }),
      other.queue.enqueueDueSchedules(["test.count"], { node: b.id }),
      world.ctx.queue.enqueueDueSchedules(["test.count"], { node: b.id }),
      other.queue.enqueueDueSchedules(["test.count"], { node: a.id }),
    ]);
    const created = ticks.flat();
    expect(created).toHaveLength(2);
    const items = await Promise.all(created.map((c) => world.item(c.id)));
    expect(items.map((i) => i.targetNode).sort()).toEqual([a.id, b.id].sort());
    // Only node a's worker takes node a's item.
    expect(await world.ctx.queue.lease("w-plain", ["test.count"], 10)).toEqual([]);
    for (const n of [a, b]) {
      const got = await world.ctx.queue.lease(`w-${n.id}`, ["test.count"], 10, { node: n.id });
      expect(got.map((l) => l.id)).toEqual(items.filter((i) => i.targetNode === n.id).map((i) => i.id));
      for (const l of got) await world.ctx.queue.complete(l);
    }
    for (const n of [a, b]) expect(await world.ctx.queue.removeSchedule(`test.per_node:${n.id}`)).toBe(true);
  });

  it("refuses a schedule of an unknown kind, with a bad payload or interval", async () => {
    const ensure = (s: object) =>
      world.ctx.queue
        .ensureSchedule({
          name: "test.bad",
          kind: "test.count",
          payload: { n: 1 },
          intervalSeconds: 60,
          ...s,
        })
        .catch((e) => e);
    expect(await ensure({ kind: "nope.nope" })).toMatchObject({ code: "validation_error" });
    expect(await ensure({ payload: { n: "x" } })).toMatchObject({ code: "validation_error" });
    expect(await ensure({ intervalSeconds: 0 })).toMatchObject({ code: "validation_error" });
    expect(await ensure({ name: "Bad Name" })).toMatchObject({ code: "validation_error" });
  });
});

/** Completes whatever of `kind` is still queued, so a test leaves no item behind for the next. */
async function drain(world: QueueWorld, kind: string) {
  for (;;) {
    const got = await world.ctx.queue.lease("drain", [kind], 50);
    if (!got.length) return;
    for (const l of got) await world.ctx.queue.complete(l);
  }
}
