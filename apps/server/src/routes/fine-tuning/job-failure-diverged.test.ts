import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { placeFineTuneJob, withTransaction } from "@infera/core";
import { eq, tables } from "@infera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_MODEL_DIR, type RunningServer } from "../../main.js";
import type { HttpClient } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";
import { putText } from "../datasets/dataset-test-helpers.js";
import { putBytes } from "../models/model-test-helpers.js";

/**
 * Issue 10: "each failure reason, produced by a real cause, reaches the API … with its suggestion,
 * and fix-and-clone succeeds". A full fine-tune at learning rate 1 really diverges in the reference
 * runtime (its loss passes 4× the best so far within a few steps); the job fails `diverged` with the
 * runtime's suggestion and a fix (a tenth of the rate, a warmup), and the clone with that fix succeeds.
 */
describe("failures from real causes through the API: diverged (with a fix the clone succeeds with), data_format, tokenizer_mismatch", () => {
  let server: RunningServer;
  let w: World;
  let dev: HttpClient;
  const workspaces = mkdtempSync(join(tmpdir(), "infera-workspaces-"));

  beforeAll(async () => {
    server = await startTestServer(
      { INFERA_WORKER_POLL_MS: "100", INFERA_WORKSPACE_DIR: workspaces },
      { systemModelDir: BUNDLED_MODEL_DIR },
    );
    w = await createWorld(server.url);
    dev = w.users.developer!.client;
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(workspaces, { recursive: true, force: true });
  });

  /** What the scheduler does (it is off in test servers): place the job on this server's node. */
  const place = (jobId: string) =>
    withTransaction(server.systemCtx, async (tx) => {
      const [row] = await tx.db.select().from(tables.fineTuneJobs).where(eq(tables.fineTuneJobs.id, jobId));
      const [node] = await tx.db.select().from(tables.nodes);
      return placeFineTuneJob(tx, row!, { id: node!.id, name: node!.name, gpuIndices: [] });
    });
  const finished = async (jobId: string) => {
    for (const until = Date.now() + 180_000; ; await new Promise((r) => setTimeout(r, 250))) {
      const res = await dev.get(`/fine-tuning/jobs/${jobId}`);
      expect(res.status, res.text).toBe(200);
      if (["succeeded", "failed", "canceled"].includes(res.body.data.status)) return res.body.data;
      if (Date.now() > until) throw new Error(`job ${jobId} is still ${res.body.data.status}`);
    }
  };

  it("fails diverged through the API and the bell; fix and clone trains to success", async () => {
    const models = await dev.get(`/projects/${w.projectId}/models?scope=system`);
    const tiny = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
    const d = await dev.post(`/projects/${w.projectId}/datasets`, { name: "tickets" });
    const teams = ["billing", "shipping", "account", "refund"];
    let text = "";
    for (let i = 0; i < 16; i++)
      text += `${JSON.stringify({
        messages: [
          { role: "user", content: `Which team handles ticket ${i} about ${teams[i % 4]}?` },
          { role: "assistant", content: teams[i % 4] },
        ],
      })}\n`;
    const v = await dev.post(`/datasets/${d.body.data.id}/versions`, {
      files: [{ sha256: await putText(dev, w.projectId, text), name: "train.jsonl" }],
    });
    expect(v.status, v.text).toBe(201);
    const res = await dev.post(`/projects/${w.projectId}/fine-tuning/jobs`, {
      base_model: { model_id: tiny },
      dataset_version_id: v.body.data.id,
      validation_split: 0,
      max_length: 48,
      batch_size: 4,
      epochs: 4,
      method: "full",
      learning_rate: 1,
      warmup_steps: 0,
      output: { model_name: "tickets-diverged" },
    });
    expect(res.status, res.text).toBe(201);
    const jobId = res.body.data.id as string;
    await place(jobId);
    const job = await finished(jobId);
    expect(job.status).toBe("failed");
    expect(job.failure, JSON.stringify(job.failure)).toMatchObject({ reason: "diverged" });
    expect(job.failure.suggestion).toMatch(/Lower the learning rate/);
    expect(job.failure.fix.patch).toEqual({ learning_rate: 0.1, warmup_ratio: 0.1 });
    const bell = await dev.get("/me/notifications");
    expect(bell.body.data.find((n: { resource: { id: string } }) => n.resource.id === jobId)).toMatchObject({
      kind: "fine_tuning.job.failed",
      params: { reason: "diverged" },
    });

    // Fix and clone: the patch as it is (its warmup_ratio replaces the job's warmup_steps), a new name.
    const clone = await dev.post(`/fine-tuning/jobs/${jobId}/clone`, {
      ...job.failure.fix.patch,
      output: { model_name: "tickets-diverged-fixed" },
    });
    expect(clone.status, clone.text).toBe(201);
    await place(clone.body.data.id);
    const fixed = await finished(clone.body.data.id);
    expect(fixed.failure).toBeNull();
    expect(fixed).toMatchObject({ status: "succeeded", config: { learning_rate: 0.1, warmup_ratio: 0.1 } });
  }, 300_000);
  it("fails data_format through the API when max length leaves no token to learn, with the runtime's suggestion", async () => {
    const models = await dev.get(`/projects/${w.projectId}/models?scope=system`);
    const tiny = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
    const d = await dev.post(`/projects/${w.projectId}/datasets`, { name: "long-prompts" });
    let text = "";
    for (let i = 0; i < 8; i++)
      text += `${JSON.stringify({
        messages: [
          {
            role: "user",
            content: `Ticket ${i}: my parcel left the warehouse nine days ago and the tracking page has not moved since, who can help?`,
          },
          { role: "assistant", content: "shipping" },
        ],
      })}\n`;
    const v = await dev.post(`/datasets/${d.body.data.id}/versions`, {
      files: [{ sha256: await putText(dev, w.projectId, text), name: "train.jsonl" }],
    });
    expect(v.status, v.text).toBe(201);
    // 8 tokens: every record is cut inside its prompt, so no answer token is left to learn from.
    const res = await dev.post(`/projects/${w.projectId}/fine-tuning/jobs`, {
      base_model: { model_id: tiny },
      dataset_version_id: v.body.data.id,
      validation_split: 0,
      max_length: 8,
      epochs: 1,
      output: { model_name: "long-prompts-tuned" },
    });
    expect(res.status, res.text).toBe(201);
    const jobId = res.body.data.id as string;
    await place(jobId);
    const job = await finished(jobId);
    expect(job.status).toBe("failed");
    expect(job.failure, JSON.stringify(job.failure)).toMatchObject({ reason: "data_format" });
    expect(job.failure.suggestion).toMatch(/max_length/);
    // No automatic fix: the data or the length is the user's choice.
    expect(job.failure.fix ?? null).toBeNull();
  }, 300_000);
  it("fails tokenizer_mismatch through the API when a model version's tokenizer does not fit its vocabulary", async () => {
    // infera-tiny's own files, but its config claims one token more than its tokenizer has.
    const file = (name: string) => readFileSync(join(BUNDLED_MODEL_DIR, name));
    const config = { ...JSON.parse(file("config.json").toString("utf8")), vocabSize: 1025 };
    const m = await dev.post(`/projects/${w.projectId}/models`, {
      name: "tiny-mismatched",
      visibility: "private",
    });
    expect(m.status, m.text).toBe(201);
    const version = await dev.post(`/models/${m.body.data.id}/versions`, {
      files: [
        { path: "config.json", sha256: await putBytes(dev, w.projectId, JSON.stringify(config)) },
        { path: "tokenizer.json", sha256: await putBytes(dev, w.projectId, file("tokenizer.json")) },
        { path: "model.safetensors", sha256: await putBytes(dev, w.projectId, file("model.safetensors")) },
      ],
      tag_latest: true,
    });
    expect(version.status, version.text).toBe(201);
    const d = await dev.post(`/projects/${w.projectId}/datasets`, { name: "short-tickets" });
    let text = "";
    for (let i = 0; i < 8; i++)
      text += `${JSON.stringify({
        messages: [
          { role: "user", content: `ticket ${i}` },
          { role: "assistant", content: "billing" },
        ],
      })}\n`;
    const v = await dev.post(`/datasets/${d.body.data.id}/versions`, {
      files: [{ sha256: await putText(dev, w.projectId, text), name: "train.jsonl" }],
    });
    expect(v.status, v.text).toBe(201);
    const res = await dev.post(`/projects/${w.projectId}/fine-tuning/jobs`, {
      base_model: { version_id: version.body.data.id },
      dataset_version_id: v.body.data.id,
      validation_split: 0,
      epochs: 1,
      output: { model_name: "tiny-mismatched-tuned" },
    });
    expect(res.status, res.text).toBe(201);
    const jobId = res.body.data.id as string;
    await place(jobId);
    const job = await finished(jobId);
    expect(job.status).toBe("failed");
    expect(job.failure, JSON.stringify(job.failure)).toMatchObject({ reason: "tokenizer_mismatch" });
    expect(job.failure.message).toMatch(/1024 tokens but the model's vocabulary is 1025/);
    expect(job.failure.suggestion).toMatch(/tokenizer\.json/);
  }, 300_000);
});
