import { FINE_TUNE_LIMIT_DEFAULTS, scheduleFineTuneJobs } from "@infera/core";
import { eq, inArray, tables } from "@infera/db";
import { testEngine } from "@infera/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_MODEL_DIR, type RunningServer } from "../../main.js";
import type { HttpClient } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";
import { putText } from "../datasets/dataset-test-helpers.js";

const FINISHED = ["succeeded", "failed", "canceled"];

function ticketsJsonl(n: number): string {
  let out = "";
  for (let i = 0; i < n; i++)
    out += `${JSON.stringify({
      messages: [
        { role: "user", content: `Which team handles ticket ${i}?` },
        { role: "assistant", content: ["billing", "shipping"][i % 2] },
      ],
    })}\n`;
  return out;
}

/**
 * The scheduler on: jobs start by themselves within the installation's limits (here 2 at once, 1
 * per submitter), queued ones show their place and wait, and a finished job lets the next one in.
 */
describe("fine-tuning scheduling: jobs start by themselves within the limits", () => {
  let server: RunningServer;
  let w: World;
  let tiny: string;
  let datasetVersionId: string;

  const submit = async (client: HttpClient, extra: Record<string, unknown> = {}) => {
    const res = await client.post(`/projects/${w.projectId}/fine-tuning/jobs`, {
      base_model: { model_id: tiny },
      dataset_version_id: datasetVersionId,
      validation_split: 0,
      max_length: 32,
      batch_size: 4,
      epochs: 1,
      lora: { rank: 2, alpha: 4, target_modules: ["attn_q"] },
      output: { model_name: `out-${Math.random().toString(36).slice(2, 10)}` },
      ...extra,
    });
    expect(res.status, res.text).toBe(201);
    return res.body.data.id as string;
  };
  const job = async (id: string) => (await w.users.owner!.client.get(`/fine-tuning/jobs/${id}`)).body.data;
  const until = async (id: string, done: (j: any) => boolean, ms = 120_000) => {
    for (const end = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 100))) {
      const j = await job(id);
      if (done(j)) return j;
      if (Date.now() > end) throw new Error(`job ${id} is still ${j.status}`);
    }
  };

  beforeAll(async () => {
    server = await startTestServer(
      {
        INFERA_WORKER_POLL_MS: "100",
        INFERA_FINETUNE_MAX_CONCURRENT: "2",
        INFERA_FINETUNE_MAX_PER_USER: "1",
      },
      { systemModelDir: BUNDLED_MODEL_DIR },
    );
    w = await createWorld(server.url);
    const owner = w.users.owner!.client;
    const models = await owner.get(`/projects/${w.projectId}/models?scope=system`);
    tiny = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
    const d = await owner.post(`/projects/${w.projectId}/datasets`, { name: "tickets" });
    const sha256 = await putText(owner, w.projectId, ticketsJsonl(8));
    const v = await owner.post(`/datasets/${d.body.data.id}/versions`, {
      files: [{ sha256, name: "t.jsonl" }],
    });
    datasetVersionId = v.body.data.id;
  });
  afterAll(async () => server?.stop());

  it("starts a submitted job by itself; a submitter's second job waits its turn with its place and ETA, then runs", async () => {
    const dev = w.users.developer!.client;
    const first = await submit(dev, { epochs: 3 });
    const started = await until(first, (j) => j.status !== "queued", 10_000);
    expect(started.transitions[1]).toMatchObject({ from: "queued", to: "starting" });
    expect(started.transitions[1].reason).toMatch(/^placed on node /);
    const second = await submit(dev);
    const waiting = await job(second);
    expect(waiting).toMatchObject({ status: "queued", queue_position: 1 });
    // An ETA once a job has succeeded to measure by; none yet.
    expect(waiting.eta_seconds).toBeNull();
    const list = await dev.get(`/projects/${w.projectId}/fine-tuning/jobs?status=queued`);
    expect(list.body.data.find((j: { id: string }) => j.id === second).queue_position).toBe(1);

    // Another submitter's job is not held back by the developer's limit.
    const other = await submit(w.users.owner!.client);
    await until(other, (j) => j.status !== "queued", 10_000);
    expect((await job(second)).status).toBe("queued");

    expect((await until(first, (j) => FINISHED.includes(j.status))).status).toBe("succeeded");
    const done = await until(second, (j) => FINISHED.includes(j.status));
    expect(done.status).toBe("succeeded");
    // It started only after the first had ended.
    const startedAt = done.transitions.find((t: { to: string }) => t.to === "starting").at;
    expect(Date.parse(startedAt)).toBeGreaterThanOrEqual(Date.parse((await job(first)).finished_at));
    await until(other, (j) => FINISHED.includes(j.status));
    // The worker's passes placed those three, and /metrics says so (with how long each waited).
    const scraped = await (await fetch(`${server.url}/metrics`)).text();
    const value = (series: string) =>
      Number(
        scraped
          .split("\n")
          .find((l) => l.startsWith(`${series} `))
          ?.split(" ")[1],
      );
    expect(value("infera_fine_tune_jobs_placed_total")).toBeGreaterThanOrEqual(3);
    expect(value("infera_fine_tune_queue_wait_seconds_count")).toBeGreaterThanOrEqual(3);
    expect(value("infera_fine_tune_scheduling_pass_seconds_count")).toBeGreaterThanOrEqual(3);

    // Now jobs have succeeded: a queued job gets an ETA.
    const a = await submit(dev, { epochs: 3 });
    const b = await submit(dev);
    await until(a, (j) => j.status !== "queued", 10_000);
    const eta = await job(b);
    expect(eta.queue_position).toBe(1);
    expect(eta.eta_seconds).toBeGreaterThan(0);
    await dev.post(`/fine-tuning/jobs/${b}/cancel`);
    await dev.post(`/fine-tuning/jobs/${a}/cancel`);
    await until(a, (j) => FINISHED.includes(j.status));
  }, 240_000);

  it("higher priority first, then first come first served", async () => {
    // Two passes' worth: a blocked user's jobs queue in order; a later, higher-priority one goes first.
    const dev = w.users.developer!.client;
    const running = await submit(dev, { epochs: 20 });
    await until(running, (j) => j.status !== "queued", 10_000);
    const low1 = await submit(dev);
    const low2 = await submit(dev);
    const high = await submit(dev, { priority: 10 });
    expect((await job(high)).queue_position).toBe(1);
    expect((await job(low1)).queue_position).toBe(2);
    expect((await job(low2)).queue_position).toBe(3);
    for (const id of [low1, low2, high, running]) await dev.post(`/fine-tuning/jobs/${id}/cancel`);
    await until(running, (j) => FINISHED.includes(j.status));
  }, 120_000);

  it("two passes racing on separate connections never place more than the limit (20 jobs, limit 5)", async () => {
    const ids: string[] = [];
    // Twenty submitters' worth of jobs: the per-user limit is off for this pass.
    for (let i = 0; i < 20; i++) ids.push(await submit(w.users.owner!.client, { priority: -50 }));
    const ctx = {
      ...server.systemCtx,
      settings: {
        ...server.systemCtx.settings,
        fineTuning: { ...FINE_TUNE_LIMIT_DEFAULTS, maxConcurrent: 5, maxPerUser: 0 },
      },
    };
    // The server's own worker places with its limits (2, 1 per user) meanwhile: the total holds anyway.
    const passes = await Promise.all([scheduleFineTuneJobs({ ctx }), scheduleFineTuneJobs({ ctx })]);
    const active = await server.database.db
      .select({ id: tables.fineTuneJobs.id })
      .from(tables.fineTuneJobs)
      .where(inArray(tables.fineTuneJobs.status, ["starting", "running", "canceling"]));
    expect(active.length).toBeLessThanOrEqual(5);
    expect(passes.reduce((n, p) => n + p.placed.length, 0)).toBeLessThanOrEqual(5);
    if (testEngine() === "postgres")
      expect(new Set(passes.flatMap((p) => p.placed)).size).toBe(
        passes.reduce((n, p) => n + p.placed.length, 0),
      );
    for (const id of ids) await w.users.owner!.client.post(`/fine-tuning/jobs/${id}/cancel`);
    for (const id of ids) await until(id, (j) => FINISHED.includes(j.status));
    const [left] = await server.database.db
      .select({ status: tables.fineTuneJobs.status })
      .from(tables.fineTuneJobs)
      .where(eq(tables.fineTuneJobs.status, "running"));
    expect(left).toBeUndefined();
  }, 240_000);
});
