import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_MODEL_DIR, type RunningServer } from "../../main.js";
import type { HttpClient } from "../../testing/http.js";
import { startTestServer } from "../../testing/test-server.js";
import { uploadBytes } from "../../testing/upload-bytes.js";
import { createWorld, type World } from "../../testing/world.js";

/**
 * Issue 14's "a fine-tune on each runs": what researchers upload — an Alpaca JSON array, a ShareGPT
 * JSONL with tool turns, a CSV with a column mapping — each becomes a version, and a real job on
 * each trains the bundled infera-tiny to a new model version. Written after each tool's documented
 * examples (LLaMA-Factory's data/README for Alpaca and ShareGPT), not copied files.
 */
const TEAMS = ["billing", "shipping", "account", "refund"];

function alpacaArray(n: number): string {
  return JSON.stringify(
    Array.from({ length: n }, (_, i) => ({
      instruction: "Which team handles this ticket?",
      input: `Ticket ${i}: a question about ${TEAMS[i % 4]}.`,
      output: TEAMS[i % 4],
      ...(i % 2 ? { system: "Answer with one word." } : {}),
      ...(i % 3 === 0 ? { history: [["Hello", "Hello, how can I help?"]] } : {}),
    })),
    null,
    2,
  );
}

function shareGptWithTools(n: number): string {
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      system: "You route tickets.",
      tools: '[{"name": "find_ticket", "parameters": {"type": "object"}}]',
      conversations: [
        { from: "human", value: `Route ticket ${i}.` },
        { from: "function_call", value: `{"name": "find_ticket", "arguments": {"id": ${i}}}` },
        { from: "observation", value: `{"topic": "${TEAMS[i % 4]}"}` },
        { from: "gpt", value: TEAMS[i % 4] },
      ],
    }),
  ).join("\n");
}

/** Columns to map, a quoted multi-line field and an embedded comma. */
function questionsCsv(n: number): string {
  let out = "question,answer,source\r\n";
  for (let i = 0; i < n; i++)
    out += `"Ticket ${i}, about ${TEAMS[i % 4]}:\nwhich team?",${TEAMS[i % 4]},support\r\n`;
  return out;
}

describe("fine-tuning on the dataset formats researchers upload", () => {
  let server: RunningServer;
  let w: World;
  let dev: HttpClient;
  let tinyModelId: string;
  const workspaces = mkdtempSync(join(tmpdir(), "infera-format-workspaces-"));

  /** A new dataset with one version of `files` (and `mapping`), checked valid with the expected shape. */
  const version = async (
    name: string,
    file: { bytes: string; name: string },
    shape: string,
    mapping?: Record<string, string>,
  ) => {
    const d = await dev.post(`/projects/${w.projectId}/datasets`, { name });
    expect(d.status, d.text).toBe(201);
    const sha256 = await uploadBytes(dev, w.projectId, file.bytes, file.name);
    const v = await dev.post(`/datasets/${d.body.data.id}/versions`, {
      files: [{ sha256, name: file.name }],
      ...(mapping ? { mapping } : {}),
    });
    expect(v.status, v.text).toBe(201);
    expect(v.body.data).toMatchObject({ shape, rows: 12 });
    expect(v.body.data.token_stats.completion.sum).toBeGreaterThan(0);
    return v.body.data.id as string;
  };

  const waitForEnd = async (jobId: string) => {
    const until = Date.now() + 240_000;
    for (;;) {
      const res = await dev.get(`/fine-tuning/jobs/${jobId}`);
      expect(res.status, res.text).toBe(200);
      if (["succeeded", "failed", "canceled"].includes(res.body.data.status)) return res.body.data;
      if (Date.now() > until) throw new Error(`job ${jobId} is still ${res.body.data.status}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  beforeAll(async () => {
    server = await startTestServer(
      {
        INFERA_WORKER_POLL_MS: "100",
        INFERA_WORKSPACE_DIR: workspaces,
        INFERA_FINETUNE_MAX_CONCURRENT: "3",
        INFERA_FINETUNE_MAX_PER_USER: "3",
      },
      { systemModelDir: BUNDLED_MODEL_DIR },
    );
    w = await createWorld(server.url);
    dev = w.users.developer!.client;
    const models = await dev.get(`/projects/${w.projectId}/models?scope=system`);
    tinyModelId = models.body.data.find((m: { name: string }) => m.name === "infera-tiny").id;
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(workspaces, { recursive: true, force: true });
  });

  it("an Alpaca JSON array, a ShareGPT JSONL with tool turns and a mapped CSV each train to a new model version", async () => {
    const versions = {
      alpaca: await version("alpaca", { bytes: alpacaArray(12), name: "alpaca.json" }, "alpaca"),
      sharegpt: await version(
        "sharegpt",
        { bytes: shareGptWithTools(12), name: "sharegpt.jsonl" },
        "sharegpt",
      ),
      csv: await version(
        "questions",
        { bytes: questionsCsv(12), name: "questions.csv" },
        "prompt_completion",
        {
          prompt: "question",
          completion: "answer",
        },
      ),
    };
    const jobs: Record<string, string> = {};
    for (const [name, datasetVersionId] of Object.entries(versions)) {
      const res = await dev.post(`/projects/${w.projectId}/fine-tuning/jobs`, {
        name: `on-${name}`,
        base_model: { model_id: tinyModelId },
        dataset_version_id: datasetVersionId,
        validation_split: 0,
        max_length: 256,
        batch_size: 4,
        epochs: 1,
        lora: { rank: 4, alpha: 8, target_modules: ["attn_q", "attn_v"] },
        output: { model_name: `tuned-on-${name}` },
      });
      expect(res.status, res.text).toBe(201);
      jobs[name] = res.body.data.id;
    }
    for (const [name, jobId] of Object.entries(jobs)) {
      const job = await waitForEnd(jobId);
      expect(job.status, `${name}: ${JSON.stringify(job.failure)}`).toBe("succeeded");
      expect(job.progress.step).toBe(3);
      const mv = await dev.get(`/model-versions/${job.result_model_version_id}`);
      expect(mv.status, mv.text).toBe(200);
      expect(mv.body.data.source).toBe("fine_tune");
      expect(mv.body.data.files.map((f: { path: string }) => f.path)).toContain("adapter.gguf");
      // The loss is a real number the runtime measured on the mapped records.
      const metrics = await dev.get(`/fine-tuning/jobs/${jobId}/events?type=metrics`);
      const losses = metrics.body.data
        .map((e: { data: { loss?: number } }) => e.data.loss)
        .filter((l: unknown) => typeof l === "number");
      expect(losses.length, name).toBeGreaterThan(0);
      expect(losses.every((l: number) => Number.isFinite(l) && l > 0)).toBe(true);
    }
  }, 300_000);
});
