import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RuntimeEvent } from "@infera/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import { chatRecords, makeTinyBase, runCollect } from "./test-fixtures.js";

let root: string;
let base: string;
let trainFile: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "infera-fail-"));
  base = await makeTinyBase(join(root, "base"));
  trainFile = join(root, "train.jsonl");
  writeFileSync(trainFile, chatRecords(32));
});

const job = (extra: Record<string, unknown> = {}) => ({
  base_model: base,
  data: { train: trainFile },
  output_dir: join(root, `out-${Math.random().toString(36).slice(2)}`),
  stage: "sft" as const,
  method: "lora" as const,
  batch_size: 4,
  max_steps: 4,
  export_gguf: false,
  ...extra,
});

function failure(events: RuntimeEvent[]) {
  const last = events.at(-1);
  if (last?.type !== "failed") throw new Error(`expected a failed event, got ${JSON.stringify(last)}`);
  return last;
}

describe("classified failures", () => {
  it("out_of_memory: an impossible memory budget is refused before training, with the estimate and a suggestion", async () => {
    const { events, exitCode } = await runCollect(job({ memory_budget_bytes: 50_000_000, method: "full" }));
    expect(exitCode).toBe(1);
    const estimate = events.find((e) => e.type === "estimate");
    expect(estimate).toMatchObject({ verdict: "will_not_fit", budget_bytes: 50_000_000 });
    expect(estimate?.type === "estimate" && estimate.summary).toMatch(/^Will not fit/);
    expect(events.some((e) => e.type === "started" || e.type === "metrics")).toBe(false);
    const f = failure(events);
    expect(f.reason).toBe("out_of_memory");
    expect(f.suggestion).toMatch(/batch_size/);
    expect(f.suggestion).toMatch(/lora/);
  });

  it("data_format: a malformed record names its line", async () => {
    const bad = join(root, "bad.jsonl");
    const good = chatRecords(3).trim().split("\n");
    writeFileSync(
      bad,
      `${good[0]}\n${good[1]}\n{"messages": [{"role": "user", "content": "no answer"}\n${good[2]}\n`,
    );
    const f = failure((await runCollect(job({ data: { train: bad } }))).events);
    expect(f.reason).toBe("data_format");
    expect(f.message).toMatch(/bad\.jsonl line 3/);
    expect(f.suggestion).toMatch(/line 3/);
    const wrongShape = join(root, "shape.jsonl");
    writeFileSync(wrongShape, `${good[0]}\n{"question": "q", "answer": "a"}\n`);
    const g = failure((await runCollect(job({ data: { train: wrongShape } }))).events);
    expect(g).toMatchObject({ reason: "data_format" });
    expect(g.message).toMatch(/line 2: expected/);
  });

  it("tokenizer_mismatch: a dataset prepared for another tokenizer, and token ids outside the base vocabulary", async () => {
    const f = failure((await runCollect(job({ tokenizer_sha256: "ab".repeat(32) }))).events);
    expect(f.reason).toBe("tokenizer_mismatch");
    expect(f.suggestion).toMatch(/tokenizer/);
    const tokens = join(root, "tokens.jsonl");
    writeFileSync(
      tokens,
      `${JSON.stringify({ input_ids: [1, 2, 3] })}\n${JSON.stringify({ input_ids: [1, 50000, 3] })}\n`,
    );
    const g = failure((await runCollect(job({ data: { train: tokens } }))).events);
    expect(g.reason).toBe("tokenizer_mismatch");
    expect(g.message).toMatch(/line 2: token id 50000 is outside the base model's vocabulary/);
  });

  it("diverged: a learning rate far too high stops the run with a suggestion to lower it", async () => {
    const { events, exitCode } = await runCollect(
      job({ method: "full", learning_rate: 20, max_steps: 30, warmup_steps: 0, max_grad_norm: 1e9 }),
    );
    expect(exitCode).toBe(1);
    const f = failure(events);
    expect(f.reason).toBe("diverged");
    expect(f.suggestion).toMatch(/Lower the learning rate/);
    expect(f.step).toBeLessThan(30);
  });

  it("unsupported: bf16 and fp16 are refused, naming the runtimes that support them", async () => {
    for (const precision of ["bf16", "fp16"]) {
      const f = failure((await runCollect(job({ precision }))).events);
      expect(f.reason).toBe("unsupported");
      expect(f.message).toContain(precision);
      expect(f.suggestion).toMatch(/Hugging Face \+ PEFT, ms-swift and LLaMA-Factory/);
    }
  });
});
