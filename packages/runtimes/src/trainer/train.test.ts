import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { chatRecords, lossCurve, makeTinyBase, runCollect } from "./test-fixtures.js";

let root: string;
let base: string;
let trainFile: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "infera-train-"));
  base = await makeTinyBase(join(root, "base"));
  trainFile = join(root, "train.jsonl");
  writeFileSync(trainFile, chatRecords(48));
});

const job = (name: string, extra: Record<string, unknown> = {}) => ({
  base_model: base,
  data: { train: trainFile, validation_split: 0.125 },
  output_dir: join(root, name),
  stage: "sft" as const,
  method: "lora" as const,
  lora: {
    rank: 4,
    alpha: 8,
    dropout: 0.1,
    target_modules: ["attn_q" as const, "attn_v" as const, "ffn_up" as const],
  },
  batch_size: 4,
  max_steps: 12,
  learning_rate: 1e-2,
  warmup_steps: 2,
  eval_steps: 6,
  export_gguf: false,
  ...extra,
});

describe("reference trainer", () => {
  it("LoRA sft: protocol events in order, a falling loss, eval loss and perplexity, adapter + manifest", async () => {
    const { events, exitCode } = await runCollect(job("lora"));
    expect(exitCode).toBe(0);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe("estimate");
    expect(types[1]).toBe("started");
    expect(types.at(-1)).toBe("completed");
    const losses = lossCurve(events);
    expect(losses).toHaveLength(12);
    expect(losses.at(-1)!).toBeLessThan(losses[0]!);
    const evals = events.filter((e) => e.type === "metrics" && e.eval_loss !== undefined);
    expect(evals.length).toBe(2);
    const artifacts = events.filter((e) => e.type === "artifact");
    expect(artifacts.map((a) => a.type === "artifact" && a.kind)).toEqual(["adapter", "manifest"]);
  });

  it("is deterministic: the same seed gives the same loss curve bit for bit, another seed does not", async () => {
    const a = lossCurve((await runCollect(job("det-a", { seed: 5 }))).events);
    const b = lossCurve((await runCollect(job("det-b", { seed: 5 }))).events);
    const c = lossCurve((await runCollect(job("det-c", { seed: 6 }))).events);
    expect(a).toHaveLength(12);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it("releases every tensor it allocates (a long-running worker can train job after job)", async () => {
    await runCollect(job("leak-warm", { method: "full", max_steps: 3 }));
    for (const method of ["full", "lora"] as const) {
      const before = tf.memory().numTensors;
      await runCollect(job(`leak-${method}`, { method, max_steps: 3, export_gguf: true }));
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it("gradient accumulation: 2 micro-batches of 2 give the same step losses as one batch of 4", async () => {
    const common = {
      lora: { rank: 4, alpha: 8, dropout: 0, target_modules: ["attn_q" as const] },
      max_steps: 5,
    };
    const one = lossCurve((await runCollect(job("acc-1", { ...common, batch_size: 4 }))).events);
    const two = lossCurve(
      (await runCollect(job("acc-2", { ...common, batch_size: 2, gradient_accumulation_steps: 2 }))).events,
    );
    expect(two).toHaveLength(5);
    // Same data, same token-mean loss; only float summation order differs.
    for (const [i, l] of two.entries()) expect(l).toBeCloseTo(one[i]!, 4);
  });

  it("pretrain on plain text (packed windows) with a full fine-tune exports model safetensors and GGUF", async () => {
    const text = join(root, "text.jsonl");
    const lines = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({ text: `The quick brown fox ${i} jumps over the lazy dog. Hello account ${i % 3}.` }),
    );
    writeFileSync(text, `${lines.join("\n")}\n`);
    const { events, exitCode } = await runCollect(
      job("pretrain", {
        stage: "pretrain",
        method: "full",
        data: { train: text },
        max_length: 32,
        max_steps: 10,
        learning_rate: 3e-3,
        eval_steps: undefined,
        export_gguf: true,
      }),
    );
    expect(exitCode).toBe(0);
    const losses = lossCurve(events);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! - 0.5);
    const kinds = events.flatMap((e) => (e.type === "artifact" ? [`${e.kind}:${e.format}`] : []));
    expect(kinds).toEqual(["model:safetensors", "model:gguf", "manifest:json"]);
    const manifest = JSON.parse(readFileSync(join(root, "pretrain", "final", "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({
      kind: "full_model",
      training: { stage: "pretrain", method: "full", steps: 10 },
    });
    expect(manifest.base_model.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(join(root, "pretrain", "final", "tokenizer.json"))).toBe(true);
  });

  it("early stopping ends the run when the validation loss stops improving", async () => {
    // A constant, far too high learning rate makes the eval loss worse after the first evaluation.
    const { events, exitCode } = await runCollect(
      job("early", {
        max_steps: 40,
        eval_steps: 2,
        early_stopping_patience: 2,
        learning_rate: 0.3,
        scheduler: "constant",
        warmup_steps: 0,
        divergence_factor: 1000,
      }),
    );
    expect(exitCode).toBe(0);
    const done = events.at(-1);
    expect(done).toMatchObject({ type: "completed", stopped_early: true });
    expect(done?.type === "completed" && done.step).toBeLessThan(40);
    expect(events.some((e) => e.type === "log" && e.message.startsWith("early stopping"))).toBe(true);
  });
});
