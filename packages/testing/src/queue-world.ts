import { defineJobKind } from "@infera/contracts";
import {
  createDatabaseQueue,
  createRegistry,
  type DeadLetterHook,
  defaultSettings,
  type EnqueueOptions,
  type Logger,
  type ServiceContext,
} from "@infera/core";
import { type DatabaseHandle, eq, openDatabase, sql, tables } from "@infera/db";
import { z } from "zod";
import { openTestDatabase } from "./test-database.js";
import { unwiredPorts } from "./unwired-ports.js";

/**
 * Job kinds for tests only, never in the catalog. `test.count` has production-like times (tests move
 * its rows' times back instead of waiting); `test.slow` has a short lease and backoff, for workers
 * whose heartbeats, retries and takeovers a test watches in real time.
 */
export const testJobKinds = [
  defineJobKind({
    kind: "test.count",
    payload: z.strictObject({ n: z.number().int() }),
    retry: { maxAttempts: 3, backoffSeconds: 30, maxBackoffSeconds: 120 },
    leaseSeconds: 30,
    description: "records that it ran",
  }),
  defineJobKind({
    kind: "test.slow",
    payload: z.strictObject({ ms: z.number().int(), fail: z.boolean().default(false) }),
    retry: { maxAttempts: 3, backoffSeconds: 0.2, maxBackoffSeconds: 1 },
    leaseSeconds: 1.5,
    description: "runs for `ms`, longer than its lease; throws when `fail`",
  }),
  defineJobKind({
    kind: "test.buried",
    payload: z.strictObject({ refuse: z.boolean().default(false) }),
    retry: { maxAttempts: 2, backoffSeconds: 30, maxBackoffSeconds: 30 },
    leaseSeconds: 30,
    description: "has a dead-letter hook: it marks the item's error, or throws when `refuse`",
  }),
];

/**
 * The hook of `test.buried`: it writes through the queue's transaction (the item's error gets a mark),
 * or throws, which must leave the item as it was (not dead, not marked).
 */
export const testDeadLetterHooks: Record<string, DeadLetterHook> = {
  "test.buried": async (db, item) => {
    const w = tables.workItems;
    await db
      .update(w)
      .set({ lastError: sql`${w.lastError} || ' [buried after ' || ${item.attempts} || ' attempts]'` })
      .where(eq(w.id, item.id));
    if ((item.payload as { refuse?: boolean }).refuse) throw new Error("the hook refuses");
  },
};

const silentLog: Logger = { info() {}, warn() {}, error() {} };

/**
 * A database of the run's engine with system contexts on it, each with its own queue (test kinds
 * included). On PostgreSQL every context after the first opens its own connection pool, as separate
 * worker machines would; PGlite is one connection in one process, so there they share it.
 */
export async function openQueueWorld() {
  const handle = await openTestDatabase();
  const extra: DatabaseHandle[] = [];
  const contextOn = (db: DatabaseHandle["db"], listen = handle.listen): ServiceContext => ({
    db,
    principal: { type: "anonymous" },
    requestId: "test",
    ip: null,
    userAgent: null,
    now: () => new Date(),
    settings: defaultSettings,
    log: silentLog,
    registry: createRegistry(),
    ...unwiredPorts(),
    queue: createDatabaseQueue({ db, extraKinds: testJobKinds, extraDeadLetterHooks: testDeadLetterHooks }),
    // Workers wake on enqueues through it.
    changes: { listen },
  });
  const ctx = contextOn(handle.db);
  const t = tables.workItems;
  return {
    engine: handle.engine,
    ctx,
    /** Another process's context on the same database (its own pool on PostgreSQL). */
    async anotherContext(): Promise<ServiceContext> {
      if (!handle.url) return contextOn(handle.db);
      const other = await openDatabase({ url: handle.url, poolSize: 5 });
      extra.push(other);
      return contextOn(other.db, other.listen);
    },
    /** Enqueues in a transaction of its own. */
    enqueue(kind: string, payload: unknown, opts?: EnqueueOptions, on: ServiceContext = ctx) {
      return on.db.transaction((tx) =>
        on.queue.enqueue({ db: tx, inTransaction: true }, kind, payload, opts),
      );
    },
    async item(id: string) {
      const [row] = await handle.db.select().from(t).where(eq(t.id, id));
      if (!row) throw new Error(`no work item ${id}`);
      return row;
    },
    items(kind: string) {
      return handle.db.select().from(t).where(eq(t.kind, kind)).orderBy(t.createdAt, t.id);
    },
    /** Moves an item's times back by `seconds`, as if they had passed (instead of waiting). */
    async age(id: string, seconds: number) {
      const back = sql`${seconds} * interval '1 second'`;
      await handle.db
        .update(t)
        .set({ runAfter: sql`${t.runAfter} - ${back}`, leaseExpiresAt: sql`${t.leaseExpiresAt} - ${back}` })
        .where(eq(t.id, id));
    },
    /** Another worker takes a leased item over, as after its lease expired: the next attempt is theirs. */
    async takeOver(id: string, owner: string) {
      const [row] = await handle.db
        .update(t)
        .set({
          leaseOwner: owner,
          attempts: sql`${t.attempts} + 1`,
          leaseExpiresAt: sql`now() + interval '1 minute'`,
        })
        .where(eq(t.id, id))
        .returning();
      if (!row) throw new Error(`no work item ${id}`);
      return { id, kind: row.kind, owner, attempt: row.attempts };
    },
    /** Overwrites a stored payload (one written by another version of the catalog). */
    async setPayload(id: string, payload: unknown) {
      await handle.db.update(t).set({ payload }).where(eq(t.id, id));
    },
    /** Moves a schedule's next run back by `seconds`. */
    async ageSchedule(name: string, seconds: number) {
      const s = tables.workSchedules;
      await handle.db
        .update(s)
        .set({ nextRunAt: sql`${s.nextRunAt} - ${seconds} * interval '1 second'` })
        .where(eq(s.name, name));
    },
    async close() {
      for (const e of extra) await e.close();
      await handle.close();
    },
  };
}

export type QueueWorld = Awaited<ReturnType<typeof openQueueWorld>>;
