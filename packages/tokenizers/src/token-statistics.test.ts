import { type TokenizerPort, validateDataset } from "@infera/dataset-validation";
import { chatText, Tokenizer } from "@infera/runtimes/tokenizer";
import * as o200k from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { gptTokenizer } from "./gpt-tokenizer.js";
import { huggingFaceTokenizer } from "./hf-tokenizer.js";
import { inferaTinyTokenizer } from "./infera-bpe.js";
import { inferaTinyAsHuggingFace, inferaTinyJson } from "./test-fixtures.js";

type Msg = { role: "system" | "user" | "assistant"; content: string };

const subjects = ["the cat", "a ship", "my friend", "the old city", "some rain", "数据"];
const rows: Msg[][] = Array.from({ length: 37 }, (_, i) => [
  ...(i % 4 === 0 ? [{ role: "system" as const, content: "Answer in one sentence." }] : []),
  {
    role: "user",
    content: `Tell me about ${subjects[i % subjects.length]} ${"and more ".repeat(i % 5)}(${i})`,
  },
  {
    role: "assistant",
    content: `${subjects[(i * 5) % subjects.length]} is fine.${" Really.".repeat(i % 7)}`,
  },
]);

async function* bytes(text: string) {
  yield new TextEncoder().encode(text);
}

const nearestRank = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.ceil(q * xs.length) - 1]!;

/** Brute force: every row's counts computed independently of the adapters, then summarised. */
async function check(
  tok: TokenizerPort,
  expected: { prompt: number; completion: number }[],
  maxLength: number,
) {
  const report = await validateDataset(
    [bytes(rows.map((messages) => JSON.stringify({ messages })).join("\n"))],
    {
      tokenizer: tok,
      maxLength,
    },
  );
  const totals = expected.map((r) => r.prompt + r.completion);
  const t = report.tokens!;
  expect(t.rows).toBe(rows.length);
  for (const [got, values] of [
    [t.prompt, expected.map((r) => r.prompt)],
    [t.completion, expected.map((r) => r.completion)],
    [t.total, totals],
  ] as const) {
    expect(got).toMatchObject({
      sum: values.reduce((a, b) => a + b, 0),
      max: Math.max(...values),
      p50: nearestRank(values, 0.5),
      p95: nearestRank(values, 0.95),
    });
    expect(got.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);
  }
  expect(t.rowsOverMaxLength).toBe(totals.filter((x) => x > maxLength).length);
  expect(t.rowsOverMaxLength).toBeGreaterThan(0);
  expect(t.truncatedTokens).toBe(totals.reduce((a, x) => a + Math.max(0, x - maxLength), 0));
}

describe("token statistics with each tokenizer, against a brute-force count", () => {
  it("o200k_base (default): OpenAI chat format, 4 template tokens a turn", async () => {
    const imEnd = 1;
    const expected = rows.map((messages) => {
      // encodeChat primes the next assistant turn with 3 tokens; the dataset row has no such turn.
      const total = o200k.encodeChat(messages, "gpt-4o").length - 3;
      const completion = messages
        .filter((m) => m.role === "assistant")
        .reduce((a, m) => a + o200k.encode(m.content).length + imEnd, 0);
      return { prompt: total - completion, completion };
    });
    await check(gptTokenizer(), expected, 40);
  });

  it("infera-tiny: the trainer's ChatML with BOS", async () => {
    const own = new Tokenizer(inferaTinyJson());
    const expected = rows.map((messages) => {
      const total = 1 + own.encode(chatText(messages), { parseSpecial: true }).length;
      const completion = messages
        .filter((m) => m.role === "assistant")
        .reduce((a, m) => a + own.encode(m.content).length + 1, 0);
      return { prompt: total - completion, completion };
    });
    await check(await inferaTinyTokenizer(), expected, 60);
  });

  it("Hugging Face tokenizer.json with its chat template", async () => {
    const own = new Tokenizer(inferaTinyJson());
    const expected = rows.map((messages) => {
      const total = own.encode(chatText(messages), { parseSpecial: true }).length;
      const completion = messages
        .filter((m) => m.role === "assistant")
        .reduce((a, m) => a + own.encode(m.content).length, 0);
      return { prompt: total - completion, completion };
    });
    await check(huggingFaceTokenizer(inferaTinyAsHuggingFace()), expected, 60);
  });

  it("prompt/completion, text and preference rows with the default tokenizer", async () => {
    const enc = (t: string) => o200k.encode(t).length;
    const body = [
      { prompt: "Translate: chat", completion: "cat" },
      { prompt: "Translate: chien, s'il vous plaît", completion: "dog, please" },
    ];
    const pc = await validateDataset([bytes(body.map((r) => JSON.stringify(r)).join("\n"))], {
      tokenizer: gptTokenizer(),
    });
    expect(pc.tokens!.prompt.sum).toBe(enc(body[0]!.prompt) + enc(body[1]!.prompt));
    expect(pc.tokens!.completion.max).toBe(Math.max(enc("cat"), enc("dog, please")));

    const text = await validateDataset([bytes(JSON.stringify({ text: "Once upon a time, far away." }))], {
      tokenizer: gptTokenizer(),
    });
    expect(text.tokens!.total).toMatchObject({
      sum: enc("Once upon a time, far away."),
      max: enc("Once upon a time, far away."),
    });
    expect(text.tokens!.prompt.sum).toBe(0);

    const pref = await validateDataset(
      [bytes(JSON.stringify({ prompt: "Best pet?", chosen: "A dog, loyal and kind.", rejected: "Rocks." }))],
      { tokenizer: gptTokenizer() },
    );
    expect(pref.tokens!.total.sum).toBe(enc("Best pet?") + enc("A dog, loyal and kind."));
    expect(pref.tokens!.completion.sum).toBe(enc("A dog, loyal and kind."));
  });
});
