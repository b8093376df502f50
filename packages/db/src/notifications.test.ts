import { openTestDatabase } from "@infera/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase, sql } from "./index.js";

/** Collects what a channel receives; `next()` waits for the next payload (or fails after 5 s). */
function collector() {
  const got: string[] = [];
  let wake: (() => void) | null = null;
  return {
    got,
    on: (payload: string) => {
      got.push(payload);
      wake?.();
    },
    async next(count: number) {
      const deadline = Date.now() + 5_000;
      while (got.length < count) {
        if (Date.now() > deadline) throw new Error(`waited for ${count} notifications, got ${got.length}`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 50);
        });
      }
      return got.slice(0, count);
    },
  };
}

describe("listen / notify", () => {
  let handle: DatabaseHandle & { url?: string };
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(async () => handle?.close());

  it("delivers a notification when its transaction commits, and never one rolled back", async () => {
    const c = collector();
    const stop = await handle.listen("infera_test_commits", c.on);
    await handle.db
      .transaction(async (tx) => {
        await tx.execute(sql`SELECT pg_notify('infera_test_commits', 'rolled back')`);
        throw new Error("roll back");
      })
      .catch(() => {});
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_notify('infera_test_commits', 'first')`);
      // Not delivered yet: the transaction is still open.
      await new Promise((r) => setTimeout(r, 100));
      expect(c.got).toEqual([]);
    });
    await handle.db.execute(sql`SELECT pg_notify('infera_test_commits', 'second')`);
    expect(await c.next(2)).toEqual(["first", "second"]);
    await stop();
    await handle.db.execute(sql`SELECT pg_notify('infera_test_commits', 'after stop')`);
    await new Promise((r) => setTimeout(r, 200));
    expect(c.got).toEqual(["first", "second"]);
  });

  it("keeps channels apart and serves several listeners of one channel", async () => {
    const a1 = collector();
    const a2 = collector();
    const b = collector();
    const stops = [
      await handle.listen("infera_test_a", a1.on),
      await handle.listen("infera_test_a", a2.on),
      await handle.listen("infera_test_b", b.on),
    ];
    await handle.db.execute(sql`SELECT pg_notify('infera_test_a', 'for a')`);
    await handle.db.execute(sql`SELECT pg_notify('infera_test_b', 'for b')`);
    expect(await a1.next(1)).toEqual(["for a"]);
    expect(await a2.next(1)).toEqual(["for a"]);
    expect(await b.next(1)).toEqual(["for b"]);
    for (const stop of stops) await stop();
  });

  it("refuses a channel name that is not a plain identifier", async () => {
    await expect(handle.listen("bad; DROP TABLE x", () => {})).rejects.toThrow(
      /invalid notification channel/,
    );
  });

  it.runIf(process.env.INFERA_TEST_DB === "postgres")(
    "hears what another connection (another process) commits",
    async () => {
      const other = await openDatabase({ url: handle.url as string, poolSize: 1 });
      try {
        const c = collector();
        const stop = await handle.listen("infera_test_cross", c.on);
        await other.db.execute(sql`SELECT pg_notify('infera_test_cross', 'from elsewhere')`);
        expect(await c.next(1)).toEqual(["from elsewhere"]);
        await stop();
      } finally {
        await other.close();
      }
    },
  );

  it.runIf(process.env.INFERA_TEST_DB === "postgres")(
    "listens again after its connection is cut (a PostgreSQL restart or failover)",
    async () => {
      const c = collector();
      const stop = await handle.listen("infera_test_reconnect", c.on);
      const cut = (await handle.db.execute(sql`
        SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity
        WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`)) as unknown as {
        rows: unknown[];
      };
      expect(cut.rows.length).toBeGreaterThan(0);
      // Notify until one arrives: those sent before the new LISTEN are lost, which followers accept.
      const deadline = Date.now() + 10_000;
      while (c.got.length === 0 && Date.now() < deadline) {
        await handle.db.execute(sql`SELECT pg_notify('infera_test_reconnect', 'after the cut')`);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(c.got[0]).toBe("after the cut");
      await stop();
    },
  );
});
