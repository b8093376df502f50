import { describe, expect, it } from "vitest";
import { Tokenizer } from "./bpe.js";
import { chatText, renderChat, renderPromptCompletion } from "./chat-template.js";
import { pretokenize } from "./pretokenize.js";
import { trainBpe } from "./train.js";

const corpus = [
  "The cat sat on the mat. The dog sat on the log.",
  "Anna had a small cat. Every morning, she went to the park.",
  "Question: What color is a banana?\nAnswer: A banana is yellow.",
  "小明喜欢苹果。今天是晴天，小明去了公园。",
  "3 plus 4 equals 7. Don't stop; it's fine.",
];
const tok = trainBpe(
  corpus.flatMap((t) => [t, t, t]),
  { vocabSize: 400 },
);

describe("byte-level BPE", () => {
  it("round-trips any text, including bytes it never saw in training", () => {
    for (const s of [
      "The cat sat.",
      "  spaces   and\ttabs\n\n",
      "Ünïcödé ✓ 🙂👍🏽",
      "日本語のテキスト",
      "",
      "\u0000\u00ff",
    ]) {
      expect(tok.decode(tok.encode(s))).toBe(s);
    }
  });

  it("learns merges: frequent words become few tokens", () => {
    expect(tok.encode(" cat").length).toBe(1);
    expect(tok.encode("The cat sat on the mat.").length).toBeLessThan(12);
  });

  it("adds BOS on request and never produces control tokens from plain text", () => {
    expect(tok.encode("hi", { addBos: true })[0]).toBe(tok.bosId);
    const ids = tok.encode("<|im_end|> and <|bos|>");
    expect(ids.some((i) => tok.special.has(i))).toBe(false);
    expect(tok.encode("a<|im_end|>b", { parseSpecial: true })).toContain(tok.eotId);
  });

  it("splits like GPT-2's pre-tokenizer", () => {
    expect(pretokenize("Hello world's  end!!  \n")).toEqual([
      "Hello",
      " world",
      "'s",
      " ",
      " end",
      "!!",
      "  \n",
    ]);
    expect(pretokenize("a1234 b")).toEqual(["a", "1234", " b"]);
  });

  it("serializes to JSON and back with identical behaviour", () => {
    const again = new Tokenizer(JSON.parse(JSON.stringify(tok.toJSON())));
    const s = "Anna had a small dog 🙂 小明";
    expect(again.encode(s)).toEqual(tok.encode(s));
    expect(again.size).toBe(tok.size);
  });

  it("is deterministic: the same corpus trains the same vocabulary", () => {
    const again = trainBpe(
      corpus.flatMap((t) => [t, t, t]),
      { vocabSize: 400 },
    );
    expect(again.merges).toEqual(tok.merges);
  });
});

describe("chat template", () => {
  const messages = [
    { role: "user" as const, content: "What color is a banana?" },
    { role: "assistant" as const, content: "A banana is yellow." },
  ];

  it("renders ChatML with the default system prompt and masks only assistant tokens", () => {
    const { ids, lossMask } = renderChat(tok, messages, { defaultSystemPrompt: "You are helpful." });
    expect(ids.length).toBe(lossMask.length);
    expect(ids[0]).toBe(tok.bosId);
    expect(tok.decode(ids.slice(1))).toBe(chatText(messages, { defaultSystemPrompt: "You are helpful." }));
    expect(tok.decode(ids.filter((_, i) => lossMask[i] === 1))).toBe("A banana is yellow.<|im_end|>");
  });

  it("tokenizes exactly as the full rendered string would be (text between control tokens as one piece)", () => {
    const { ids } = renderChat(tok, messages);
    expect(ids).toEqual(tok.encode(chatText(messages), { addBos: true, parseSpecial: true }));
  });

  it("keeps an existing system message and can end with a generation prompt", () => {
    const withSystem = [{ role: "system" as const, content: "Be brief." }, ...messages.slice(0, 1)];
    const { ids, lossMask } = renderChat(tok, withSystem, {
      defaultSystemPrompt: "ignored",
      addGenerationPrompt: true,
    });
    const text = tok.decode(ids.slice(1));
    expect(text).not.toContain("ignored");
    expect(text.endsWith("<|im_start|>assistant\n")).toBe(true);
    expect(lossMask.every((m) => m === 0)).toBe(true);
  });

  it("prompt/completion: loss on the completion and EOS only", () => {
    const { ids, lossMask } = renderPromptCompletion(tok, "Question: 3 plus 4?\nAnswer:", " 7");
    expect(ids[ids.length - 1]).toBe(tok.eosId);
    expect(tok.decode(ids.filter((_, i) => lossMask[i] === 1))).toBe(" 7<|endoftext|>");
  });

  it("rejects unknown roles", () => {
    expect(() => renderChat(tok, [{ role: "robot" as never, content: "x" }])).toThrow(/unknown chat role/);
  });
});
