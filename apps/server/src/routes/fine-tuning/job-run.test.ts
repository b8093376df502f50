import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FineTuneJobStatus } from "@infera/contracts";
import {
  beginFineTuneRun,
  type JobChanges,
  MAX_NODE_LOSSES,
  placeFineTuneJob,
  transitionJob,
  withTransaction,
} from "@infera/core";
import { eq, tables } from "@infera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_MODEL_DIR, type RunningServer } from "../../main.js";
import type { HttpClient } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";
import { putText } from "../datasets/dataset-test-helpers.js";

/** Routing tickets to teams: what the bundled model learns in a few steps. */
function ticketsJsonl(n: number): string {
  const teams = ["billing", "shipping", "account", "refund"];
  let out = "";
  for (let i = 0; i < n; i++)
    out += `${JSON.stringify({
      messages: [
        { role: "user", content: `Which team handles ticket ${i} about ${teams[i % 4]}?` },
        { role: "assistant", content: teams[i % 4] },
      ],
    })}\n`;
  return out;
}

interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
}

function parseSse(text: string): SseEvent[] {
  return text
    .split("\n\n")
    .filter((block) => block.trim() && !block.startsWith(":"))
    .map((block) => {
      const e: SseEvent = {};
      for (const line of block.split("\n")) {
        const i = line.indexOf(":");
        const [k, v] = [line.slice(0, i), line.slice(i + 1).trimStart()];
        if (k === "id" || k === "event" || k === "data") e[k] = v;
      }
      return e;
    });
}

describe("fine-tuning runs: a placed job trains on the worker with the reference runtime", () => {
  let server: RunningServer;
  let w: World;
  let dev: HttpClient;
  let tinyModelId: string;
  let datasetVersionId: string;
  let firstJobId: string;
  const workspaces = mkdtempSync(join(tmpdir(), "infera-workspaces-"));

  /** What the scheduler does: place the queued job on this server's node (its worker takes the run). */
  const place = (jobId: string) =>
    withTransaction(server.systemCtx, async (tx) => {
      const [row] = await tx.db.select().from(tables.fineTuneJobs).where(eq(tables.fineTuneJobs.id, jobId));
      const [node] = await tx.db.select().from(tables.nodes);
      return placeFineTuneJob(tx, row!, { id: node!.id, name: node!.name, gpuIndices: [] });
    });

  /** A state change made by hand, as the platform (no run item is enqueued). */
  const transition = (jobId: string, to: FineTuneJobStatus, reason: string, set: JobChanges = {}) =>
    withTransaction(server.systemCtx, async (tx) => {
      const [row] = await tx.db.select().from(tables.fineTuneJobs).where(eq(tables.fineTuneJobs.id, jobId));
      return transitionJob(tx, row!, to, reason, { set });
    });

  const waitFor = async (jobId: string, done: (job: any) => boolean, timeoutMs = 180_000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const res = await dev.get(`/fine-tuning/jobs/${jobId}`);
      expect(res.status, res.text).toBe(200);
      if (done(res.body.data)) return res.body.data;
      if (Date.now() > until) throw new Error(`job ${jobId} is still ${res.body.data.status}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  const createJob = async (extra: Record<string, unknown>) => {
    const res = await dev.post(`/projects/${w.projectId}/fine-tuning/jobs`, {
      base_model: { model_id: tinyModelId },
      dataset_version_id: datasetVersionId,
      validation_split: 0,
      max_length: 48,
      batch_size: 4,
      learning_rate: 0.005,
      lora: { rank: 4, alpha: 8, target_modules: ["attn_q", "attn_v"] },
      ...extra,
    });
    expect(res.status, res.text).toBe(201);
    return res.body.data.id as string;
  };

  beforeAll(async () => {
    server = await startTestServer(
      {
        INFERA_WORKER_POLL_MS: "100",
        INFERA_FINETUNE_STOP_GRACE_SECONDS: "20",
        INFERA_WORKSPACE_DIR: workspaces,
      },
      { systemModelDir: BUNDLED_MODEL_DIR },
    );
    w = await createWorld(server.url);
    dev = w.users.developer!.client;
    const models = await dev.get(`/projects/${w.projectId}/models?scope=system`);
    tinyModelId = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
    const d = await dev.post(`/projects/${w.projectId}/datasets`, { name: "tickets" });
    const sha256 = await putText(dev, w.projectId, ticketsJsonl(16));
    const v = await dev.post(`/datasets/${d.body.data.id}/versions`, {
      files: [{ sha256, name: "train.jsonl" }],
    });
    expect(v.status, v.text).toBe(201);
    datasetVersionId = v.body.data.id;
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(workspaces, { recursive: true, force: true });
  });

  it("trains to success: live progress, the event log, a new adapter version of a new model, notifications", async () => {
    const jobId = await createJob({
      name: "tickets-run",
      epochs: 1,
      // 4 of the 16 records held out: the run ends with a validation loss and perplexity.
      validation_split: 0.25,
      output: { model_name: "tickets-adapter" },
    });
    firstJobId = jobId;
    await place(jobId);
    const job = await waitFor(jobId, (j) => ["succeeded", "failed", "canceled"].includes(j.status));
    expect(job.failure).toBeNull();
    expect(job.status).toBe("succeeded");
    expect(job.transitions.map((t: { to: string }) => t.to)).toEqual([
      "queued",
      "starting",
      "running",
      "succeeded",
    ]);
    expect(job.progress).toMatchObject({ step: 3, total_steps: 3 });
    expect(job.progress.loss).toBeGreaterThan(0);
    // Final metrics (FR36): the last training loss, and the held-out loss with its perplexity, as the
    // runtime reported them in its last metrics events.
    const reported = (await dev.get(`/fine-tuning/jobs/${jobId}/events?type=metrics&limit=1000`)).body.data;
    const lastEval = reported.filter((e: any) => e.data.eval_loss !== undefined).at(-1).data;
    expect(job.final_metrics).toEqual({
      steps: 3,
      train_loss: reported.filter((e: any) => e.data.loss !== undefined).at(-1).data.loss,
      eval_loss: lastEval.eval_loss,
      perplexity: lastEval.perplexity,
      best_eval_loss: lastEval.eval_loss,
    });
    expect(job.final_metrics.perplexity).toBeCloseTo(Math.exp(job.final_metrics.eval_loss), 6);

    // The log: every state change and what the runtime reported, numbered in order.
    const events = await dev.get(`/fine-tuning/jobs/${jobId}/events?limit=1000`);
    expect(events.status, events.text).toBe(200);
    const log = events.body.data as { seq: number; type: string; data: any }[];
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    // Files are named inside the job's workspace, never by the server's own paths.
    const files = log.filter((e) => e.type === "artifact" || e.type === "checkpoint");
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(f.data.path).toMatch(/^output\//);
    // A real run's final checkpoint is listed and downloadable while the workspace is kept.
    const checkpoints = await dev.get(`/fine-tuning/jobs/${jobId}/checkpoints`);
    expect(checkpoints.status, checkpoints.text).toBe(200);
    expect(checkpoints.body.data.at(-1)).toMatchObject({ available: true });
    expect(log.filter((e) => e.type === "status").map((e) => e.data.to)).toEqual([
      "queued",
      "starting",
      "running",
      "succeeded",
    ]);
    const types = new Set(log.map((e) => e.type));
    for (const t of ["started", "progress", "metrics", "artifact", "completed"]) expect(types).toContain(t);
    const metrics = await dev.get(`/fine-tuning/jobs/${jobId}/events?type=metrics`);
    expect(metrics.body.data.length).toBeGreaterThan(0);
    expect(metrics.body.data.every((e: { type: string }) => e.type === "metrics")).toBe(true);
    expect(metrics.body.data[0].data.loss).toBeGreaterThan(0);
    const page = await dev.get(`/fine-tuning/jobs/${jobId}/events?limit=2&after=1`);
    expect(page.body.data.map((e: { seq: number }) => e.seq)).toEqual([2, 3]);
    expect(page.body.next_after).toBe(3);

    // The result: a version of the new model, an adapter on the job's base, with its files.
    const version = await dev.get(`/model-versions/${job.result_model_version_id}`);
    expect(version.status, version.text).toBe(200);
    expect(version.body.data).toMatchObject({
      model_id: job.output_model_id,
      source: "fine_tune",
      artifact_type: "adapter",
      base_model_version_id: job.base_model_version_id,
      source_job_id: jobId,
      source_dataset_version_id: datasetVersionId,
      training_metrics: job.final_metrics,
    });
    const paths = version.body.data.files.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual(["adapter.gguf", "adapter.safetensors", "manifest.json"]);
    const model = await dev.get(`/models/${job.output_model_id}`);
    expect(model.body.data).toMatchObject({ name: "tickets-adapter", project_id: w.projectId });

    // The creator heard of the start and the end.
    const bell = await dev.get("/me/notifications");
    const kinds = bell.body.data
      .filter((n: { resource: { id: string } }) => n.resource.id === jobId)
      .map((n: { kind: string }) => n.kind);
    expect(kinds.sort()).toEqual(["fine_tuning.job.started", "fine_tuning.job.succeeded"]);

    // The log as a file: state changes and the runtime's lines; `level` and `q` filter it.
    const file = await dev.get(`/fine-tuning/jobs/${jobId}/logs`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toContain("text/plain");
    expect(file.headers.get("content-disposition")).toBe('attachment; filename="tickets-run.log"');
    expect(file.text).toMatch(/ state running -> succeeded \(succeeded\)\n/);
    expect(file.text.split("\n").filter(Boolean).length).toBe(
      log.filter((e) => ["log", "status", "failed"].includes(e.type)).length,
    );
    const errorsOnly = await dev.get(`/fine-tuning/jobs/${jobId}/logs?level=error`);
    expect(
      errorsOnly.text
        .split("\n")
        .filter(Boolean)
        .every((l: string) => / state | error /.test(l)),
    ).toBe(true);
    expect(
      (await dev.get(`/fine-tuning/jobs/${jobId}/logs?q=SUCCEEDED`)).text.trim().split("\n"),
    ).toHaveLength(1);

    // The same log as Server-Sent Events: a finished job's stream sends everything, then `end`;
    // Last-Event-ID resumes after the given seq.
    const sse = await dev.get(`/fine-tuning/jobs/${jobId}/events`, { accept: "text/event-stream" });
    expect(sse.headers.get("content-type")).toContain("text/event-stream");
    const streamed = parseSse(sse.text);
    expect(streamed[0]!.event).toBe("ready");
    expect(streamed.at(-1)!.event).toBe("end");
    const ids = streamed.filter((e) => e.id).map((e) => Number(e.id));
    expect(ids).toEqual(log.map((e) => e.seq));
    expect(JSON.parse(streamed[1]!.data!)).toMatchObject({ seq: 1, type: "status" });
    const resumed = parseSse(
      (
        await dev.get(`/fine-tuning/jobs/${jobId}/events?type=status`, {
          accept: "text/event-stream",
          "last-event-id": "2",
        })
      ).text,
    );
    expect(resumed.filter((e) => e.id).map((e) => JSON.parse(e.data!).data.to)).toEqual([
      "running",
      "succeeded",
    ]);
  }, 240_000);

  it("cancels a running job: the runtime checkpoints, the job ends canceled, a retry resumes from the checkpoint", async () => {
    const jobId = await createJob({
      epochs: 40,
      checkpoint_interval_minutes: 0.01,
      output: { model_name: "tickets-long" },
    });
    await place(jobId);
    await waitFor(jobId, (j) => j.status === "running" && (j.progress?.step ?? 0) >= 2);
    const cancel = await dev.post(`/fine-tuning/jobs/${jobId}/cancel`);
    expect(cancel.status, cancel.text).toBe(200);
    expect(cancel.body.data.status).toBe("canceling");
    const job = await waitFor(jobId, (j) => ["canceled", "failed", "succeeded"].includes(j.status), 60_000);
    expect(job.status).toBe("canceled");
    expect(job.transitions.at(-1)).toMatchObject({ from: "canceling", to: "canceled" });
    const checkpoints = await dev.get(`/fine-tuning/jobs/${jobId}/events?type=checkpoint`);
    expect(checkpoints.body.data.at(-1).data.reason).toBe("canceled");
    const stoppedAt = checkpoints.body.data.at(-1).data.step as number;

    // A retry is attempt 2: it starts from the canceled checkpoint, not from step 0.
    const retry = await dev.post(`/fine-tuning/jobs/${jobId}/retry`);
    expect(retry.status, retry.text).toBe(200);
    await place(jobId);
    let started: any;
    for (
      const until = Date.now() + 120_000;
      Date.now() < until;
      await new Promise((r) => setTimeout(r, 250))
    ) {
      started = (await dev.get(`/fine-tuning/jobs/${jobId}/events?type=started`)).body.data.at(-1);
      if (started?.attempt === 2) break;
    }
    expect(started).toMatchObject({ attempt: 2, data: { resumed_from_step: stoppedAt } });
    expect((await dev.post(`/fine-tuning/jobs/${jobId}/cancel`)).status).toBe(200);
    await waitFor(jobId, (j) => j.status === "canceled", 60_000);
  }, 240_000);

  it("a budget cap stops the run with a checkpoint and fails it budget_exceeded; a retry gets another budget and resumes", async () => {
    // An amount budget needs the class's currency and a price (the default class is free).
    const free = await dev.post(`/projects/${w.projectId}/fine-tuning/jobs/validate`, {
      base_model: { model_id: tinyModelId },
      dataset_version_id: datasetVersionId,
      budget: { amount: 5, currency: "USD" },
      output: { model_name: "never-made" },
    });
    expect(free.status, free.text).toBe(422);
    expect(free.body.error.message).toContain("has no hourly price");
    const priced = await w.admin.post("/admin/resource-classes", {
      name: "cpu-priced",
      cpus: 2,
      memory_bytes: 4 * 1024 ** 3,
      hourly_price: 1.5,
      currency: "EUR",
    });
    expect(priced.status, priced.text).toBe(201);
    const otherCurrency = await dev.post(`/projects/${w.projectId}/fine-tuning/jobs/validate`, {
      base_model: { model_id: tinyModelId },
      dataset_version_id: datasetVersionId,
      resource_class: "cpu-priced",
      budget: { amount: 5, currency: "USD" },
      output: { model_name: "never-made" },
    });
    expect(otherCurrency.status, otherCurrency.text).toBe(422);
    expect(otherCurrency.body.error.message).toContain('resource class "cpu-priced" is priced in EUR');
    // Six seconds of one device: long enough to start training, far from the end of 40 epochs.
    const jobId = await createJob({
      epochs: 40,
      budget: { gpu_hours: 6 / 3600 },
      output: { model_name: "tickets-budget" },
    });
    await place(jobId);
    const job = await waitFor(jobId, (j) => ["canceled", "failed", "succeeded"].includes(j.status), 120_000);
    expect(job.status).toBe("failed");
    expect(job.failure).toMatchObject({ reason: "budget_exceeded" });
    expect(job.failure.message).toContain("GPU-hours (1 device)");
    expect(job.failure.suggestion).toMatch(/^Retry it to continue from the checkpoint/);
    expect(job.progress.step).toBeLessThan(job.progress.total_steps);
    const checkpoints = await dev.get(`/fine-tuning/jobs/${jobId}/events?type=checkpoint`);
    const stoppedAt = checkpoints.body.data.at(-1).data.step as number;
    expect(stoppedAt).toBeGreaterThan(0);

    const retry = await dev.post(`/fine-tuning/jobs/${jobId}/retry`);
    expect(retry.status, retry.text).toBe(200);
    await place(jobId);
    const again = await waitFor(
      jobId,
      (j) => j.attempt === 2 && ["failed", "succeeded"].includes(j.status),
      120_000,
    );
    expect(again.failure).toMatchObject({ reason: "budget_exceeded" });
    const started = (await dev.get(`/fine-tuning/jobs/${jobId}/events?type=started`)).body.data.at(-1);
    expect(started).toMatchObject({ attempt: 2, data: { resumed_from_step: stoppedAt } });
    expect(again.progress.step).toBeGreaterThan(stoppedAt);
  }, 240_000);

  it("a run cut off with its node is queued again as the next attempt and finishes; after the last loss it fails node_lost", async () => {
    // The node comes back (this server's, as after a restart): its worker leases the run item again.
    const [node] = await server.database.db.select().from(tables.nodes);
    const worker = { id: node!.id, name: node!.name };
    // A worker took attempt 1 to running and died (made by hand: no run item exists for it).
    const jobId = await createJob({ output: { model_name: "tickets-lost" } });
    await transition(jobId, "starting", "placed on node dead-node");
    await transition(jobId, "running", "training on dead-node");
    // The next lease of its run item finds it still running.
    expect(await beginFineTuneRun({ ctx: server.systemCtx, jobId, attempt: 1, worker })).toMatchObject({
      kind: "skip",
    });
    const job = await waitFor(jobId, (j) => ["succeeded", "failed"].includes(j.status));
    expect(job).toMatchObject({ status: "succeeded", attempt: 2 });
    expect(
      job.transitions.map((t: { to: string; reason: string }) => `${t.to}:${t.reason.split(":")[0]}`),
    ).toEqual([
      "queued:created",
      "starting:placed on node dead-node",
      "running:training on dead-node",
      "queued:node lost",
      `starting:placed on node ${node!.name}`,
      "running:training on " + job.transitions[5].reason.slice("training on ".length),
      "succeeded:succeeded",
    ]);

    // Lost again and again: after MAX_NODE_LOSSES losses the next one ends the job.
    const doomed = await createJob({ output: { model_name: "tickets-doomed" } });
    for (let attempt = 1; attempt <= MAX_NODE_LOSSES; attempt++) {
      await transition(doomed, "starting", "placed on node dead-node");
      await transition(doomed, "running", "training on dead-node");
      await transition(doomed, "queued", "node lost: by hand", { attempt: attempt + 1 });
    }
    await transition(doomed, "starting", "placed on node dead-node");
    await transition(doomed, "running", "training on dead-node");
    await beginFineTuneRun({ ctx: server.systemCtx, jobId: doomed, attempt: MAX_NODE_LOSSES + 1, worker });
    const failed = (await dev.get(`/fine-tuning/jobs/${doomed}`)).body.data;
    expect(failed).toMatchObject({ status: "failed", failure: { reason: "node_lost" } });
    expect(failed.failure.suggestion).toMatch(/retry/i);
  }, 240_000);

  it("a run past its resource class's memory fails out_of_memory with a suggestion and a fix; the fixed clone succeeds", async () => {
    const admin = w.admin;
    const cls = await admin.post("/admin/resource-classes", {
      name: "cpu-1g",
      cpus: 2,
      memory_bytes: 1024 ** 3,
    });
    expect(cls.status, cls.text).toBe(201);
    // Long tickets (67 tokens): a batch of 32 needs about 1 GB resident, 16 about 0.6 GB; the budget is 85% of 1 GiB.
    const long = await dev.post(`/projects/${w.projectId}/datasets`, { name: "long-tickets" });
    const words = "the parcel arrived late and the invoice shows a charge twice so please look at it again";
    let text = "";
    for (let i = 0; i < 64; i++)
      text += `${JSON.stringify({
        messages: [
          { role: "user", content: `Ticket ${i}: ${words}` },
          { role: "assistant", content: ["billing", "shipping"][i % 2] },
        ],
      })}\n`;
    const sha256 = await putText(dev, w.projectId, text);
    const v = await dev.post(`/datasets/${long.body.data.id}/versions`, {
      files: [{ sha256, name: "long.jsonl" }],
    });
    expect(v.status, v.text).toBe(201);
    const jobId = await createJob({
      dataset_version_id: v.body.data.id,
      resource_class: "cpu-1g",
      batch_size: 32,
      max_length: 128,
      output: { model_name: "tickets-oom" },
    });
    await place(jobId);
    const job = await waitFor(jobId, (j) => ["succeeded", "failed"].includes(j.status));
    expect(job.status).toBe("failed");
    expect(job.failure, JSON.stringify(job.failure)).toMatchObject({ reason: "out_of_memory" });
    expect(job.failure.suggestion).toMatch(/batch_size/);
    expect(job.failure.fix.patch).toEqual({ batch_size: 16, gradient_accumulation_steps: 2 });
    // Whichever saw it first, the runtime (its budget, 85%) or the executor (the class's limit): the
    // same reason, a suggestion, and the fix.
    const estimate = await dev.get(`/fine-tuning/jobs/${jobId}/events?type=estimate`);
    expect(estimate.body.data[0].data.budget_bytes).toBe(Math.floor(1024 ** 3 * 0.85));
    const bell = await dev.get("/me/notifications");
    expect(bell.body.data.find((n: { resource: { id: string } }) => n.resource.id === jobId)).toMatchObject({
      kind: "fine_tuning.job.failed",
      params: { reason: "out_of_memory" },
    });

    // Fix and clone: the patch as it is, a new output name.
    const clone = await dev.post(`/fine-tuning/jobs/${jobId}/clone`, {
      ...job.failure.fix.patch,
      output: { model_name: "tickets-oom-fixed" },
    });
    expect(clone.status, clone.text).toBe(201);
    await place(clone.body.data.id);
    const fixed = await waitFor(clone.body.data.id, (j) => ["succeeded", "failed"].includes(j.status));
    expect(fixed.failure).toBeNull();
    expect(fixed).toMatchObject({
      status: "succeeded",
      config: { batch_size: 16, gradient_accumulation_steps: 2 },
    });
  }, 240_000);

  it("validate: a dry run answers what the job resolves to, the estimate from earlier jobs' pace and warnings, creating nothing", async () => {
    const before = (await dev.get(`/projects/${w.projectId}/fine-tuning/jobs?limit=200`)).body.data.length;
    const body = {
      base_model: { model_id: tinyModelId },
      dataset_version_id: datasetVersionId,
      validation_split: 0.25,
      batch_size: 4,
      epochs: 2,
      max_length: 8,
      output: { model_name: "dry-run" },
    };
    const res = await dev.post(`/projects/${w.projectId}/fine-tuning/jobs/validate`, body);
    expect(res.status, res.text).toBe(200);
    const v = res.body.data;
    expect(v.resolved).toMatchObject({ dataset_version_id: datasetVersionId, output_model_name: "dry-run" });
    expect(v.resolved.base_model_version_id).toMatch(/^mv_/);
    // 16 records, 4 held out; 12 in batches of 4: 3 steps an epoch, 6 in all.
    expect(v.estimate).toMatchObject({
      train_records: 12,
      validation_records: 4,
      steps_per_epoch: 3,
      total_steps: 6,
    });
    expect(v.estimate.tokens_per_epoch).toBeGreaterThan(0);
    // The jobs that succeeded above on reference / cpu-2 give the pace.
    expect(v.estimate.based_on_jobs).toBeGreaterThan(0);
    expect(v.estimate.duration_seconds).toBeGreaterThan(0);
    expect(v.estimate.cost).toEqual({ low: 0, high: 0, currency: "USD" });
    expect(v.estimate.gpu_hours).toBeGreaterThan(0);
    expect(v.warnings.map((w: { code: string }) => w.code)).toContain("most_records_truncated");
    // The infera-tiny recommendation filled what the body left out.
    expect(v.config.lora.target_modules).toHaveLength(7);
    expect((await dev.get(`/projects/${w.projectId}/fine-tuning/jobs?limit=200`)).body.data).toHaveLength(
      before,
    );

    // The same errors as create.
    const bad = await dev.post(`/projects/${w.projectId}/fine-tuning/jobs/validate`, {
      ...body,
      dataset_version_id: `dsv_${"0".repeat(26)}`,
    });
    expect(bad.status).toBe(404);
    const viewer = await w.users.viewer!.client.post(
      `/projects/${w.projectId}/fine-tuning/jobs/validate`,
      body,
    );
    expect(viewer.status).toBe(403);
    const form = await dev.post(`/projects/${w.projectId}/fine-tuning/jobs/validate`, "a=1", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(415);
  }, 60_000);

  it("retention: past the project's days a finished job's workspace and log lines go, its metrics and model stay; a deleted job's folder goes too", async () => {
    const ws = join(workspaces, firstJobId);
    expect(
      readdirSync(ws)
        .filter((n) => !n.startsWith("."))
        .sort(),
    ).toEqual(["base", "data", "job.json", "output"]);
    const owner = w.users.owner!.client;
    const policies = await owner.get(`/projects/${w.projectId}/policies`);
    expect(policies.body.data.fine_tuning_retention_days).toBe(7);
    const settable = Object.fromEntries(
      [
        "prod_disallow_scale_to_zero",
        "prod_force_alerts",
        "prod_no_playground_logging",
        "viewers_cannot_view_logs",
      ].map((k) => [k, policies.body.data[k]]),
    );
    const put = await owner.put(`/projects/${w.projectId}/policies`, {
      ...settable,
      fine_tuning_retention_days: 1,
    });
    expect(put.status, put.text).toBe(200);
    expect(put.body.data.fine_tuning_retention_days).toBe(1);
    const zero = await owner.put(`/projects/${w.projectId}/policies`, {
      ...put.body.data,
      fine_tuning_retention_days: 0,
    });
    expect(zero.status).toBe(400);
    // Finished two days ago (written by hand), and a leftover folder of a job that no longer exists.
    await server.database.db
      .update(tables.fineTuneJobs)
      .set({ finishedAt: new Date(Date.now() - 2 * 86_400_000) })
      .where(eq(tables.fineTuneJobs.id, firstJobId));
    // The other tests' jobs finished just now: their folders stay.
    const recent = readdirSync(workspaces).filter((n) => n !== firstJobId);
    const orphan = join(workspaces, `ftj_${"z".repeat(26)}`);
    mkdirSync(join(orphan, "output"), { recursive: true });
    const logsBefore = await dev.get(`/fine-tuning/jobs/${firstJobId}/events?type=log&limit=1000`);
    const metricsBefore = await dev.get(`/fine-tuning/jobs/${firstJobId}/events?type=metrics&limit=1000`);
    expect(metricsBefore.body.data.length).toBeGreaterThan(0);

    await withTransaction(server.systemCtx, (tx) => tx.queue.enqueue(tx, "fine_tuning.retention", {}));
    const job = await waitFor(firstJobId, (j) => j.workspace_removed_at !== null, 30_000);
    expect(existsSync(ws)).toBe(false);
    for (const until = Date.now() + 10_000; existsSync(orphan) && Date.now() < until; )
      await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(orphan)).toBe(false);
    expect((await dev.get(`/fine-tuning/jobs/${firstJobId}/events?type=log`)).body.data).toEqual([]);
    expect(logsBefore.body.data.length).toBeGreaterThanOrEqual(0);
    const metricsAfter = await dev.get(`/fine-tuning/jobs/${firstJobId}/events?type=metrics&limit=1000`);
    expect(metricsAfter.body.data).toEqual(metricsBefore.body.data);
    expect((await dev.get(`/model-versions/${job.result_model_version_id}`)).status).toBe(200);
    expect(readdirSync(workspaces).sort()).toEqual(recent.sort());

    // A sweep killed with -9 after removing a folder, before recording it, leaves this state; the
    // queue runs the sweep again (its lease runs out, workload-crash.test.ts), which records it.
    const cutOff = recent.find((n) => /^ftj_/.test(n))!;
    await server.database.db
      .update(tables.fineTuneJobs)
      .set({ finishedAt: new Date(Date.now() - 2 * 86_400_000) })
      .where(eq(tables.fineTuneJobs.id, cutOff));
    rmSync(join(workspaces, cutOff), { recursive: true, force: true });
    await withTransaction(server.systemCtx, (tx) => tx.queue.enqueue(tx, "fine_tuning.retention", {}));
    const recorded = await waitFor(cutOff, (j) => j.workspace_removed_at !== null, 30_000);
    expect(recorded.status).not.toBe("running");
  }, 60_000);
});
