import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { inArray, tables } from "@infera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../main.js";
import type { HttpClient } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { createWorld, type World } from "../../testing/world.js";
import { chatJsonl, putText } from "../datasets/dataset-test-helpers.js";
import { putBytes, tinySafetensors } from "../models/model-test-helpers.js";
import { type JobInputs, minimalConfig, seedCanceledJob, seedJobInputs } from "./fine-tuning-test-helpers.js";

const tinyTokenizer = fileURLToPath(
  new URL("../../../../../packages/runtimes/assets/infera-tiny/tokenizer.json", import.meta.url),
);

/**
 * The dry run's estimates beyond steps (memory against every enabled class, GPU-hours and a cost
 * range from the spread of measured jobs) and its risk checks (tokenizer, record shape).
 */
describe("POST /projects/{id}/fine-tuning/jobs/validate: memory, GPU-hours, cost range, risks", () => {
  let server: RunningServer;
  let w: World;
  let dev: HttpClient;
  let inputs: JobInputs;

  beforeAll(async () => {
    server = await startTestServer();
    w = await createWorld(server.url);
    dev = w.users.developer!.client;
    inputs = await seedJobInputs(w.users.owner!.client, w.projectId);
  }, 180_000);
  afterAll(async () => server?.stop());

  const addClass = async (name: string, fields: Record<string, unknown>) => {
    const res = await w.admin.post("/admin/resource-classes", {
      name,
      cpus: 2,
      memory_bytes: 4 * 1024 ** 3,
      ...fields,
    });
    expect(res.status, res.text).toBe(201);
  };
  // 12 records, nothing held out, batches of 4 for 2 epochs: 6 steps.
  const shape = {
    validation_split: 0,
    batch_size: 4,
    gradient_accumulation_steps: 1,
    epochs: 2,
    max_length: 8,
  };
  const validate = async (extra: Record<string, unknown>) => {
    const res = await dev.post(
      `/projects/${w.projectId}/fine-tuning/jobs/validate`,
      minimalConfig(inputs, { ...shape, ...extra }),
    );
    expect(res.status, res.text).toBe(200);
    return res.body.data;
  };
  /** Jobs that succeeded on `resourceClass`, each `seconds` long over 10 steps (made, canceled, then marked). */
  const measured = async (resourceClass: string, seconds: number[]) => {
    const ids: string[] = [];
    for (const s of seconds) {
      const { id } = await seedCanceledJob(dev, w.projectId, inputs);
      await server.database.db
        .update(tables.fineTuneJobs)
        .set({
          status: "succeeded",
          resourceClass,
          startedAt: new Date(Date.now() - s * 1000),
          finishedAt: new Date(),
          progress: { step: 10, total_steps: 10 },
        })
        .where(inArray(tables.fineTuneJobs.id, [id]));
      ids.push(id);
    }
    return ids;
  };

  it("gives every enabled class a memory verdict: a GPU class too small will not fit, and warns when it is the chosen one", async () => {
    // The seeded base version holds 4 fp32 parameters: a few hundred KiB with the activations.
    await addClass("gpu-tiny", { gpu_model: "toy", gpu_count: 1, gpu_memory_bytes: 64 * 1024 });
    const v = await validate({});
    const byClass = Object.fromEntries(
      v.estimate.memory.map((m: { resource_class: string }) => [m.resource_class, m]),
    );
    const needed = byClass["gpu-tiny"].estimated_bytes as number;
    expect(needed).toBeGreaterThan(64 * 1024);
    expect(byClass["gpu-tiny"]).toEqual({
      resource_class: "gpu-tiny",
      estimated_bytes: needed,
      available_bytes: 64 * 1024,
      verdict: "will_not_fit",
    });
    // A class without GPUs offers its memory.
    expect(byClass["cpu-2"]).toMatchObject({ estimated_bytes: needed, verdict: "fits" });
    expect(byClass["cpu-2"].available_bytes).toBeGreaterThan(needed);
    // Over 80 % of the GPUs' memory together is tight.
    await addClass("gpu-snug", { gpu_model: "toy", gpu_count: 2, gpu_memory_bytes: Math.ceil(needed / 1.8) });
    const again = await validate({});
    expect(again.estimate.memory.find((m: any) => m.resource_class === "gpu-snug")).toMatchObject({
      available_bytes: 2 * Math.ceil(needed / 1.8),
      verdict: "tight",
    });
    // A larger batch needs more memory.
    const bigger = await validate({ batch_size: 8 });
    expect(bigger.estimate.memory[0].estimated_bytes).toBeGreaterThan(v.estimate.memory[0].estimated_bytes);

    const onTiny = await validate({
      runtime: "hf-peft",
      resource_class: "gpu-tiny",
      gpu_count: 1,
      precision: "bf16",
    });
    const warning = onTiny.warnings.find((x: { code: string }) => x.code === "memory_will_not_fit");
    expect(warning).toMatchObject({ resource_class: "gpu-tiny", available_bytes: 64 * 1024 });
    expect(warning.message).toContain('resource class "gpu-tiny"');
  });

  it("estimates GPU-hours from the median pace and a cost range from the spread of two measured jobs", async () => {
    await addClass("cpu-priced", { hourly_price: 3.6, currency: "EUR" });
    const none = await validate({ resource_class: "cpu-priced" });
    expect(none.estimate).toMatchObject({
      duration_seconds: null,
      gpu_hours: null,
      cost: null,
      based_on_jobs: 0,
    });

    // 1 s and 3 s a step.
    await measured("cpu-priced", [10, 30]);
    const v = await validate({ resource_class: "cpu-priced" });
    expect(v.estimate.total_steps).toBe(6);
    expect(v.estimate.based_on_jobs).toBe(2);
    expect(v.estimate.duration_seconds).toBe(18);
    // A CPU job counts one device.
    expect(v.estimate.gpu_hours).toBe(0.005);
    // 6 steps at 1 s and at 3 s, at 3.6 EUR an hour.
    expect(v.estimate.cost).toEqual({ low: 0.006, high: 0.018, currency: "EUR" });
  });

  it("from a single measured job, the cost spans 0.75× to 1.5× its pace", async () => {
    await addClass("cpu-single", { hourly_price: 36, currency: "USD" });
    await measured("cpu-single", [20]);
    const v = await validate({ resource_class: "cpu-single" });
    expect(v.estimate).toMatchObject({ based_on_jobs: 1, duration_seconds: 12 });
    // 6 steps × 2 s = 12 s at 36 USD an hour = 0.12; 0.09 to 0.18.
    expect(v.estimate.cost).toEqual({ low: 0.09, high: 0.18, currency: "USD" });
  });

  /** A model whose only version holds the tiny weights and `tokenizer` as tokenizer.json. */
  const modelWithTokenizer = async (tokenizer: string) => {
    const owner = w.users.owner!.client;
    const m = await owner.post(`/projects/${w.projectId}/models`, {
      name: `tok-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`,
    });
    expect(m.status, m.text).toBe(201);
    const v = await owner.post(`/models/${m.body.data.id}/versions`, {
      files: [
        { path: "model.safetensors", sha256: await putBytes(owner, w.projectId, tinySafetensors()) },
        { path: "tokenizer.json", sha256: await putBytes(owner, w.projectId, tokenizer) },
      ],
      tag_latest: true,
    });
    expect(v.status, v.text).toBe(201);
    return { modelId: m.body.data.id as string, versionId: v.body.data.id as string };
  };

  it("names a tokenizer mismatch between the token statistics and the base model, with what differs", async () => {
    const original = await readFile(tinyTokenizer, "utf8");
    const a = await modelWithTokenizer(original);
    // B: one more (special) token and another chat template.
    const t = JSON.parse(original);
    t.vocab.push("<|tool|>");
    t.special.push(t.vocab.length - 1);
    t.specialTokens.tool = "<|tool|>";
    t.chatTemplate = "{% for m in messages %}{{ m['content'] }}{% endfor %}";
    const b = await modelWithTokenizer(JSON.stringify(t));
    // A dataset version whose statistics were counted with A's tokenizer.
    const d = await dev.post(`/projects/${w.projectId}/datasets`, {
      name: `tok-data-${Date.now().toString(36)}`,
    });
    const version = await dev.post(`/datasets/${d.body.data.id}/versions`, {
      files: [{ sha256: await putText(dev, w.projectId, chatJsonl(12)), name: "train.jsonl" }],
      base_model_version_id: a.versionId,
    });
    expect(version.status, version.text).toBe(201);
    const countedWithA = version.body.data.id as string;

    const onB = await validate({ base_model: { model_id: b.modelId }, dataset_version_id: countedWithA });
    const mismatch = onB.warnings.find((x: { code: string }) => x.code === "tokenizer_mismatch");
    expect(mismatch).toMatchObject({
      dataset_tokenizer: { id: `model-version/${a.versionId}` },
      model_tokenizer: { id: `model-version/${b.versionId}` },
      differences: {
        vocabulary_size: { dataset: 1024, model: 1025 },
        special_tokens: { only_dataset: [], only_model: ["<|tool|>"] },
        chat_template: "differs",
      },
    });
    expect(mismatch.message).toContain("vocabulary 1024 vs 1025 tokens");
    expect(mismatch.message).toContain(`base_model_version_id ${b.versionId}`);

    // The model the statistics were counted with: no mismatch.
    const onA = await validate({ base_model: { model_id: a.modelId }, dataset_version_id: countedWithA });
    expect(onA.warnings.map((x: { code: string }) => x.code)).not.toContain("tokenizer_mismatch");
    // Counted with the platform's default tokenizer, trained on A: a mismatch naming the default.
    const defaultCounted = await validate({ base_model: { model_id: a.modelId } });
    const other = defaultCounted.warnings.find((x: { code: string }) => x.code === "tokenizer_mismatch");
    expect(other.differences).toMatchObject({ vocabulary_size: { dataset: null, model: 1024 } });
    expect(other.differences.tokenizer).toContain("default tokenizer");
  });

  it("warns of a schema mismatch: stage pretrain on chat records", async () => {
    const sft = await validate({});
    expect(sft.warnings.map((x: { code: string }) => x.code)).not.toContain("schema_mismatch");
    const pretrain = await validate({ stage: "pretrain" });
    const mismatch = pretrain.warnings.find((x: { code: string }) => x.code === "schema_mismatch");
    expect(mismatch).toMatchObject({ stage: "pretrain", format: "chat", expected_formats: ["text"] });
    expect(mismatch.message).toContain("stage pretrain trains on text records");
  });
});
