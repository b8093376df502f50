import { describe, expect, it } from "vitest";
import { type FixableConfig, suggestFix } from "./suggest-fix.js";

const base: FixableConfig = {
  batch_size: 16,
  gradient_accumulation_steps: 1,
  learning_rate: 5e-3,
  max_length: 256,
  method: "lora",
};

describe("suggestFix", () => {
  it("halves the batch and doubles the accumulation on out of memory, keeping the effective batch", () => {
    const fix = suggestFix("out_of_memory", base);
    expect(fix?.patch).toEqual({ batch_size: 8, gradient_accumulation_steps: 2 });
    expect(fix?.changes).toContainEqual({ field: "batch_size", from: 16, to: 8 });
    const odd = suggestFix("out_of_memory", { ...base, batch_size: 3, gradient_accumulation_steps: 2 });
    // 3 × 2 = 6 sequences per step before; 1 × 6 after.
    expect(odd?.patch).toEqual({ batch_size: 1, gradient_accumulation_steps: 6 });
  });

  it("shortens the sequences at batch 1, then falls back from full to LoRA, then gives up", () => {
    expect(suggestFix("out_of_memory", { ...base, batch_size: 1 })?.patch).toEqual({ max_length: 128 });
    expect(
      suggestFix("out_of_memory", { ...base, batch_size: 1, max_length: 32, method: "full" })?.patch,
    ).toEqual({ method: "lora" });
    expect(suggestFix("out_of_memory", { ...base, batch_size: 1, max_length: 32 })).toBeNull();
  });

  it("lowers the learning rate tenfold on divergence and adds a warmup when there was none", () => {
    expect(suggestFix("diverged", base)?.patch).toEqual({ learning_rate: 5e-4, warmup_ratio: 0.1 });
    expect(suggestFix("diverged", { ...base, warmup_steps: 20 })?.patch).toEqual({ learning_rate: 5e-4 });
  });

  it("has no mechanical fix for bad data, a tokenizer mismatch or a bug", () => {
    for (const reason of ["data_format", "tokenizer_mismatch", "internal", "node_lost", "canceled"]) {
      expect(suggestFix(reason, base)).toBeNull();
    }
  });
});
