import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
});
