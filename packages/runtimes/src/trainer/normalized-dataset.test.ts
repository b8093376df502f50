import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { normalizedRows } from "@infera/dataset-validation";
import { beforeAll, describe, expect, it } from "vitest";
import { makeTinyBase, runCollect } from "./test-fixtures.js";

let root: string;
let base: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "infera-train-normalized-"));
  base = await makeTinyBase(join(root, "base"));
});

/** Alpaca records (LLaMA-Factory's documented keys), as one JSON array: what researchers upload. */
function alpacaArray(n: number): Uint8Array {
  const labels = ["billing", "shipping", "account", "refund"];
  const records = Array.from({ length: n }, (_, i) => ({
    instruction: "Which team should handle this ticket?",
    input: `Case ${i} about ${labels[i % labels.length]}.`,
    output: labels[i % labels.length],
    ...(i % 2 === 0 ? { system: "Answer with one word." } : {}),
    ...(i % 3 === 0 ? { history: [["Hello", "Hello, how can I help?"]] } : {}),
  }));
  return new TextEncoder().encode(JSON.stringify(records, null, 2));
}

describe("the normalized JSONL of an upload trains", () => {
  it("an Alpaca JSON array, normalized by the validation engine, runs one step of the reference trainer", async () => {
    // What `GET /dataset-versions/{id}/normalized` streams for such a version.
    let jsonl = "";
    const decoder = new TextDecoder();
    for await (const chunk of normalizedRows([{ name: "alpaca.json", data: [alpacaArray(8)] }]))
      jsonl += decoder.decode(chunk, { stream: true });
    expect(jsonl.trim().split("\n")).toHaveLength(8);
    const train = join(root, "train.jsonl");
    writeFileSync(train, jsonl);
    const { events, exitCode } = await runCollect({
      base_model: base,
      data: { train },
      output_dir: join(root, "out"),
      stage: "sft",
      method: "lora",
      lora: { rank: 2, alpha: 4, dropout: 0, target_modules: ["attn_q"] },
      batch_size: 2,
      max_steps: 1,
      learning_rate: 1e-2,
      export_gguf: false,
    });
    const failed = events.find((e) => e.type === "failed");
    expect(exitCode, JSON.stringify(failed)).toBe(0);
    expect(events.at(-1)?.type).toBe("completed");
    expect(events.filter((e) => e.type === "metrics" && e.loss !== undefined)).toHaveLength(1);
  });
});
