import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { tables } from "@infera/db";
import { openTestDatabase } from "@infera/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "./main.js";
import { loginAs } from "./testing/http.js";
import { startTestServer, TEST_ADMIN } from "./testing/test-server.js";

/** The housekeeping that used to be timers in main.ts, now schedules the server's worker runs. */
describe("housekeeping schedules", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let server: RunningServer & { engine: string };
  beforeAll(async () => {
    database = await openTestDatabase();
    server = await startTestServer(
      {
        INFERA_BLOB_GC_GRACE_MINUTES: "0",
        INFERA_AUDIT_ANCHOR_INTERVAL_MINUTES: "7",
        INFERA_WORKER_POLL_MS: "100",
      },
      { database },
    );
  });
  afterAll(async () => {
    await server?.stop();
    await database?.close();
  });

  const schedules = async () =>
    Object.fromEntries(
      (await database.db.select().from(tables.workSchedules)).map((s) => [
        s.name,
        { kind: s.kind, intervalSeconds: s.intervalSeconds, nextRunAt: s.nextRunAt },
      ]),
    );
  const succeeded = async (kind: string) =>
    (await database.db.select().from(tables.workItems)).filter(
      (i) => i.kind === kind && i.status === "succeeded",
    );

  it("creates every schedule at start; the sweep, ANALYZE and anchoring run at once, the rest an interval later", async () => {
    const s = await schedules();
    expect(s).toMatchObject({
      "housekeeping.upload_sweep": { kind: "housekeeping.upload_sweep", intervalSeconds: 3600 },
      "housekeeping.audit_anchor": { intervalSeconds: 7 * 60 },
      "housekeeping.blob_gc": { intervalSeconds: 24 * 3600 },
      "housekeeping.queue_prune": { intervalSeconds: 24 * 3600 },
      // The gateway's meter ships every 5 s; raw usage records are pruned hourly (decision 0030).
      "usage.ship": { kind: "usage.ship", intervalSeconds: 5 },
      "usage.retention": { kind: "usage.retention", intervalSeconds: 3600 },
    });
    // ANALYZE is for the embedded PGlite only: a PostgreSQL server has no such schedule.
    if (server.engine === "pglite") expect(s["housekeeping.planner_statistics"]?.intervalSeconds).toBe(600);
    else expect(s["housekeeping.planner_statistics"]).toBeUndefined();
    const ran = ["housekeeping.upload_sweep", "housekeeping.audit_anchor", "usage.retention"];
    if (server.engine === "pglite") ran.push("housekeeping.planner_statistics");
    for (const kind of ran)
      await expect.poll(async () => (await succeeded(kind)).length, { timeout: 10_000 }).toBe(1);
    expect(+s["housekeeping.blob_gc"]!.nextRunAt - Date.now()).toBeGreaterThan(23 * 3600_000);
    expect(await succeeded("housekeeping.blob_gc")).toEqual([]);
  });

  it("runs blob garbage collection as a job: the admin's run, audited with the system as the actor", async () => {
    const garbage = (
      await server.blobs.put(Readable.from([Buffer.from(`garbage ${randomBytes(8).toString("hex")}`)]))
    ).sha256;
    const ctx = server.systemCtx;
    const { id } = await ctx.db.transaction((tx) =>
      ctx.queue.enqueue({ db: tx, inTransaction: true }, "housekeeping.blob_gc", {}),
    );
    await expect.poll(async () => (await succeeded("housekeeping.blob_gc")).map((i) => i.id)).toContain(id);
    expect(await server.blobs.stat(garbage)).toBeNull();
    const platform = await loginAs(server.url, TEST_ADMIN.email, TEST_ADMIN.password);
    const events = await platform.get("/tenants/platform/audit-events?action=blob.gc.run");
    expect(events.status, events.text).toBe(200);
    expect(events.body.data[0]).toMatchObject({
      actor_type: "system",
      actor_label: "system",
      request_id: id,
    });
    expect(events.body.data[0].after.digests).toContain(garbage);
  });

  it("keeps a schedule's time across a restart, and removes blob collection when its interval is 0", async () => {
    const before = await schedules();
    await server.stop();
    server = await startTestServer(
      { INFERA_BLOB_GC_INTERVAL_HOURS: "0", INFERA_AUDIT_ANCHOR_INTERVAL_MINUTES: "7" },
      { database },
    );
    const after = await schedules();
    expect(after["housekeeping.blob_gc"]).toBeUndefined();
    expect(after["housekeeping.queue_prune"]?.nextRunAt).toEqual(
      before["housekeeping.queue_prune"]?.nextRunAt,
    );
    // The sweep falls due again at every start, as the timer it replaces ran at every start.
    await expect
      .poll(async () => (await succeeded("housekeeping.upload_sweep")).length, { timeout: 10_000 })
      .toBe(2);
  });
});
