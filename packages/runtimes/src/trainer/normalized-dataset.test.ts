import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { normalizedRows } from "@infera/dataset-validation";
import { beforeAll, describe, expect, it } from "vitest";
import { makeTinyBase, runCollect } from "./test-fixtures.js";

let root: string;
let base: string;
/** Tool definitions and calls make long sequences for a 320-token vocabulary: a base with room for them. */
let longBase: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "infera-train-normalized-"));
  base = await makeTinyBase(join(root, "base"));
  longBase = await makeTinyBase(join(root, "long-base"), { maxSeqLen: 1024 });
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

/** ShareGPT with tools, a function call and its observation (LLaMA-Factory's documented roles), as JSONL. */
function shareGptWithTools(n: number): Uint8Array {
  const rows = Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      system: "You route support tickets.",
      tools: JSON.stringify([
        { name: "find_order", description: "Looks an order up", parameters: { type: "object" } },
      ]),
      conversations: [
        { from: "human", value: `Where is order ${i}?` },
        { from: "function_call", value: JSON.stringify({ name: "find_order", arguments: { id: i } }) },
        { from: "observation", value: JSON.stringify({ status: i % 2 ? "shipped" : "packed" }) },
        { from: "gpt", value: i % 2 ? "It shipped." : "It is being packed." },
      ],
    }),
  );
  return new TextEncoder().encode(`${rows.join("\n")}\n`);
}

/** OpenAI chat records with tools, an assistant tool call, a tool answer and a weight-0 turn. */
function openAiWithTools(n: number): Uint8Array {
  const rows = Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      messages: [
        { role: "user", content: `Refund order ${i}?` },
        {
          role: "assistant",
          content: "",
          tool_calls: [
            { id: `c${i}`, type: "function", function: { name: "refund", arguments: `{"id": ${i}}` } },
          ],
        },
        { role: "tool", tool_call_id: `c${i}`, content: "ok" },
        { role: "assistant", content: "Maybe.", weight: 0 },
        { role: "assistant", content: "Refunded.", weight: 1 },
      ],
      tools: [{ type: "function", function: { name: "refund", parameters: { type: "object" } } }],
    }),
  );
  return new TextEncoder().encode(`${rows.join("\n")}\n`);
}

async function normalized(name: string, data: Uint8Array): Promise<string> {
  let jsonl = "";
  const decoder = new TextDecoder();
  for await (const chunk of normalizedRows([{ name, data: [data] }]))
    jsonl += decoder.decode(chunk, { stream: true });
  return jsonl;
}

async function trainOneStep(jsonl: string, name: string) {
  const train = join(root, `${name}.jsonl`);
  writeFileSync(train, jsonl);
  return runCollect({
    base_model: longBase,
    data: { train },
    output_dir: join(root, `out-${name}`),
    stage: "sft",
    method: "lora",
    lora: { rank: 2, alpha: 4, dropout: 0, target_modules: ["attn_q"] },
    batch_size: 2,
    max_steps: 1,
    max_length: 1024,
    learning_rate: 1e-2,
    export_gguf: false,
  });
}

describe("the normalized JSONL of an upload trains", () => {
  it.each([
    ["ShareGPT with tools, function_call and observation turns", "sharegpt.jsonl", shareGptWithTools],
    ["OpenAI chat with tools, tool_calls, a tool turn and weight 0", "openai.jsonl", openAiWithTools],
  ])(
    "%s, normalized by the validation engine, runs one step of the reference trainer",
    async (_, name, make) => {
      const jsonl = await normalized(name, make(6));
      const first = JSON.parse(jsonl.split("\n")[0]!);
      // The internal form keeps the tool turns: the trainer renders them (see chat-template.ts).
      expect(first.tools).toHaveLength(1);
      expect(first.messages.some((m: { role: string }) => m.role === "tool")).toBe(true);
      expect(first.messages.some((m: { tool_calls?: unknown[] }) => m.tool_calls?.length)).toBe(true);
      const { events, exitCode } = await trainOneStep(jsonl, name.replace(".jsonl", ""));
      const failed = events.find((e) => e.type === "failed");
      expect(exitCode, JSON.stringify(failed)).toBe(0);
      expect(events.filter((e) => e.type === "metrics" && e.loss !== undefined)).toHaveLength(1);
    },
  );

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
