import {
  FINE_TUNE_LIMIT_DEFAULTS,
  registerNode,
  type ServiceContext,
  scheduleFineTuneJobs,
  transitionJob,
  transitionJobs,
  withTransaction,
} from "@infera/core";
import { and, asc, eq, inArray, sql, tables } from "@infera/db";
import { testEngine } from "@infera/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import type { HttpClient } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, unique, type World } from "../../testing/world.js";
import { type JobInputs, seedJob, seedJobInputs } from "./fine-tuning-test-helpers.js";

const GiB = 1024 ** 3;

/**
 * A scheduling pass writes all its placements at once (one locking select, one update, one insert
 * each of timeline entries, events and run items). Each placed job must still get exactly what a
 * placement one at a time gave it, two passes racing must never place a job twice, and a job
 * canceled after the plan but before the write must not be placed. The server runs no worker of its
 * own: the passes here are the only ones, and no run is taken, so placed jobs stay `starting`.
 */
describe("fine-tuning scheduling: a pass places many jobs at once", () => {
  let server: RunningServer;
  let w: World;
  let owner: HttpClient;
  let inputs: JobInputs;
  let ctx: ServiceContext;

  const j = tables.fineTuneJobs;
  const submit = async (n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await seedJob(owner, w.projectId, inputs)).id);
    return ids;
  };
  /** Nodes of 16 CPUs: 8 jobs of the default class (2 CPUs, 4 GiB) each. */
  const registerNodes = async (n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++)
      ids.push(
        (
          await registerNode({
            ctx: server.systemCtx,
            node: {
              name: unique("bulk-"),
              roles: ["worker"],
              cpus: 16,
              memoryBytes: 64 * GiB,
              gpus: [],
              version: "test",
            },
          })
        ).id,
      );
    return ids;
  };
  const pass = () => scheduleFineTuneJobs({ ctx });
  const runItems = async (jobId: string) =>
    server.database.db
      .select()
      .from(tables.workItems)
      .where(
        and(
          eq(tables.workItems.kind, "fine_tuning.job.run"),
          sql`${tables.workItems.payload}->>'job_id' = ${jobId}`,
        ),
      );
  const events = async (jobId: string) =>
    server.database.db
      .select()
      .from(tables.fineTuneJobEvents)
      .where(eq(tables.fineTuneJobEvents.jobId, jobId))
      .orderBy(asc(tables.fineTuneJobEvents.seq));

  /** What one placement must leave, whether it was placed alone or with a thousand others. */
  const expectPlacedOnce = async (id: string) => {
    const [row] = await server.database.db.select().from(j).where(eq(j.id, id));
    expect(row).toMatchObject({ status: "starting", waitReason: null, gpuIndices: [], attempt: 1 });
    expect(row!.nodeId).toBeTruthy();
    const [node] = await server.database.db
      .select()
      .from(tables.nodes)
      .where(eq(tables.nodes.id, row!.nodeId!));
    const items = await runItems(id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      status: "queued",
      payload: { job_id: id, attempt: 1 },
      idempotencyKey: `${id}:1`,
      targetNode: row!.nodeId,
      priority: row!.priority,
    });
    const job = (await owner.get(`/fine-tuning/jobs/${id}`)).body.data;
    const starts = job.transitions.filter((t: { to: string }) => t.to === "starting");
    expect(starts).toEqual([
      expect.objectContaining({ from: "queued", to: "starting", reason: `placed on node ${node!.name}` }),
    ]);
    expect(job.transitions.map((t: { to: string }) => t.to)).toEqual(["queued", "starting"]);
    // The event log numbers each job's events 1, 2, … with no gap (what Last-Event-ID resumes on).
    const log = await events(id);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    const statusEvents = log.filter((e) => e.type === "status" && e.data.to === "starting");
    expect(statusEvents).toHaveLength(1);
    expect(statusEvents[0]).toMatchObject({ attempt: 1, data: { from: "queued", to: "starting" } });
    expect(log.at(-1)!.seq).toBe(statusEvents[0]!.seq);
    return row!;
  };

  beforeAll(async () => {
    server = await startTestServer({ INFERA_NODE_OFFLINE_SECONDS: "3600" }, { apiOnly: true });
    w = await createWorld(server.url);
    owner = w.users.owner!.client;
    inputs = await seedJobInputs(owner, w.projectId);
    ctx = {
      ...server.systemCtx,
      settings: {
        ...server.systemCtx.settings,
        fineTuning: { ...FINE_TUNE_LIMIT_DEFAULTS, maxConcurrent: 1000, maxPerUser: 0, maxPerProject: 0 },
      },
    };
  }, 120_000);
  afterAll(async () => server?.stop());

  it("one pass places 30 jobs on 4 nodes: each gets one run item, one `starting` entry, its events in sequence", async () => {
    const nodes = await registerNodes(4);
    const ids = await submit(30);
    const result = await pass();
    expect([...result.placed].sort()).toEqual([...ids].sort());
    const placedOn = new Map<string, number>();
    for (const id of ids) {
      const row = await expectPlacedOnce(id);
      placedOn.set(row.nodeId!, (placedOn.get(row.nodeId!) ?? 0) + 1);
    }
    // Every node used, none over its 8 slots: the pass's decisions were each written as planned.
    expect([...placedOn.keys()].sort()).toEqual([...nodes].sort());
    expect(Math.max(...placedOn.values())).toBeLessThanOrEqual(8);
    // A second pass finds nothing queued and writes nothing.
    expect((await pass()).placed).toEqual([]);
    for (const id of ids) expect(await runItems(id)).toHaveLength(1);
  }, 120_000);

  it("two passes racing place each of 20 jobs exactly once", async () => {
    await registerNodes(3);
    const ids = await submit(20);
    const [a, b] = await Promise.all([pass(), pass()]);
    const placed = [...a!.placed, ...b!.placed];
    expect(new Set(placed).size).toBe(placed.length);
    expect([...placed].sort()).toEqual([...ids].sort());
    for (const id of ids) await expectPlacedOnce(id);
  }, 120_000);

  // Two connections at once: PGlite has one, so the cancel cannot land inside the pass there.
  it.skipIf(testEngine() !== "postgres")(
    "a job canceled after the pass planned it, before its write, is not placed; the others are",
    async () => {
      await registerNodes(1);
      const [first, canceled, last] = await submit(3);
      let running: ReturnType<typeof pass> | undefined;
      await withTransaction(server.systemCtx, async (tx) => {
        // The cancel holds the job's row first, as a user's cancel does while it writes.
        const [row] = await tx.db.select().from(j).where(eq(j.id, canceled!)).for("update");
        running = pass();
        // The pass has read the queue and planned (the job among its placements) once it waits for this row.
        for (const end = Date.now() + 60_000; ; await new Promise((r) => setTimeout(r, 50))) {
          const waiting = await server.database.db.execute(
            sql`select 1 from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock' and query ilike '%for update%'`,
          );
          if ((Array.isArray(waiting) ? waiting : (waiting as { rows: unknown[] }).rows).length) break;
          if (Date.now() > end) throw new Error("the pass never waited for the canceled job's row");
        }
        await transitionJob(tx, row!, "canceled", "canceled by the test");
      });
      const result = await running!;
      expect(result.placed).not.toContain(canceled);
      expect([...result.placed].sort()).toEqual([first!, last!].sort());
      for (const id of [first!, last!]) await expectPlacedOnce(id);
      const [row] = await server.database.db.select().from(j).where(eq(j.id, canceled!));
      expect(row).toMatchObject({ status: "canceled", nodeId: null });
      expect(await runItems(canceled!)).toEqual([]);
      const log = await events(canceled!);
      expect(log.map((e) => e.data.to)).toEqual(["queued", "canceled"]);
      expect(log.map((e) => e.seq)).toEqual([1, 2]);
      const active = await server.database.db
        .select({ id: j.id })
        .from(j)
        .where(and(inArray(j.id, [first!, canceled!, last!]), eq(j.status, "starting")));
      expect(active).toHaveLength(2);
    },
    120_000,
  );

  it("transitionJobs keeps nothing when one job changed meanwhile (409), and an undefined field leaves its column", async () => {
    const [a, b] = await submit(2);
    const read = await server.database.db
      .select()
      .from(j)
      .where(inArray(j.id, [a!, b!]))
      .orderBy(asc(j.id));
    expect((await owner.post(`/fine-tuning/jobs/${b}/cancel`)).status).toBe(200);
    await expect(
      withTransaction(server.systemCtx, (tx) =>
        transitionJobs(
          tx,
          read.map((job) => ({ job, reason: "both fail", set: { failureReason: "internal_error" } })),
          "failed",
        ),
      ),
    ).rejects.toMatchObject({ code: "conflict", details: { status: "canceled", to: "failed" } });
    const job = (await owner.get(`/fine-tuning/jobs/${a}`)).body.data;
    expect(job.status).toBe("queued");
    expect(job.transitions.map((t: { to: string }) => t.to)).toEqual(["queued"]);
    expect((await events(a!)).map((e) => e.seq)).toEqual([1]);

    await server.database.db.update(j).set({ failureMessage: "kept" }).where(eq(j.id, a!));
    const [row] = await server.database.db.select().from(j).where(eq(j.id, a!));
    const failed = await withTransaction(server.systemCtx, (tx) =>
      transitionJob(tx, row!, "failed", "failed by the test", {
        set: { failureReason: "internal_error", failureMessage: undefined },
      }),
    );
    expect(failed).toMatchObject({
      status: "failed",
      failureReason: "internal_error",
      failureMessage: "kept",
    });
    expect(failed.finishedAt).toBeInstanceOf(Date);
  }, 120_000);
});
