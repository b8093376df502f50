import { chatText, renderChat, Tokenizer } from "@infera/runtimes/tokenizer";
import * as o200k from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { gptTokenizer } from "./gpt-tokenizer.js";
import { huggingFaceTokenizer } from "./hf-tokenizer.js";
import { inferaTinyTokenizer } from "./infera-bpe.js";
import { tokenizerFromFiles } from "./load-model-tokenizer.js";
import { inferaTinyAsHuggingFace, inferaTinyJson, SAMPLE_TEXTS } from "./test-fixtures.js";

const conversation = [
  { role: "system", content: "You are brief." },
  { role: "user", content: "What is 2+2?" },
  { role: "assistant", content: "4." },
  { role: "user", content: "And 3+3?" },
  { role: "assistant", content: "6." },
] as const;

describe("gpt-tokenizer (o200k_base, the default)", () => {
  const tok = gptTokenizer();

  it("renders chats as the library's own chat encoding, learning assistant content and <|im_end|>", () => {
    const seq = tok.renderChat!([...conversation]);
    const lib = o200k.encodeChat([...conversation], "gpt-4o");
    // The library ends with the prompt for the next assistant turn (<|im_start|>assistant<|im_sep|>).
    expect(seq.ids).toEqual(lib.slice(0, -3));
    const learned = seq.ids.filter((_, i) => seq.completionMask[i] === 1);
    const imEnd = o200k.encode(o200k.ImEnd, { allowedSpecial: new Set([o200k.ImEnd]) });
    expect(learned).toEqual([...o200k.encode("4."), ...imEnd, ...o200k.encode("6."), ...imEnd]);
  });

  it("encodes special-token text in user data as plain text, and counts what it encodes", () => {
    for (const text of SAMPLE_TEXTS) expect(tok.count!(text)).toBe(tok.encode(text).length);
    expect(tok.encode("<|endoftext|>").length).toBeGreaterThan(1);
  });

  it("counts with its own memo exactly as the library counts, also once the memo is warm", () => {
    const texts = [
      ...SAMPLE_TEXTS,
      "   spaces  before\n\n and after   ",
      "数据 データ 🙂🙂 x²",
      "a".repeat(5000),
    ];
    for (const encoding of ["o200k_base", "cl100k_base"] as const) {
      const t = gptTokenizer(encoding);
      for (let round = 0; round < 2; round++)
        for (const text of texts) expect(t.count!(text)).toBe(t.encode(text).length);
    }
  });

  it("counts chats (countChat) exactly as renderChat lays them out", () => {
    const weighted = [
      ...conversation,
      {
        role: "assistant" as const,
        content: "call",
        tool_calls: [{ id: "1", type: "function" }],
        weight: 0 as const,
      },
    ];
    for (const encoding of ["o200k_base", "cl100k_base"] as const) {
      const t = gptTokenizer(encoding);
      const seq = t.renderChat!(weighted);
      const completion = seq.completionMask.reduce((a, b) => a + b, 0);
      expect(t.countChat!(weighted)).toEqual({ prompt: seq.ids.length - completion, completion });
    }
  });

  it("offers cl100k_base too", () => {
    const cl = gptTokenizer("cl100k_base");
    expect(cl.id).toBe("gpt-tokenizer/cl100k_base");
    expect(cl.encode("Hello world")).toEqual([9906, 1917]);
  });
});

describe("infera-tiny (bundled byte-level BPE)", () => {
  it("renders exactly what the reference trainer builds", async () => {
    const tok = await inferaTinyTokenizer();
    const own = new Tokenizer(inferaTinyJson());
    const seq = tok.renderChat!([...conversation]);
    const trainer = renderChat(own, [...conversation]);
    expect(seq).toEqual({ ids: trainer.ids, completionMask: trainer.lossMask });
    expect(seq.ids.length).toBe(1 + own.encode(chatText([...conversation]), { parseSpecial: true }).length);
    const pc = tok.renderPromptCompletion!("2+2=", "4");
    expect(pc.ids.length).toBe(2 + own.encode("2+2=").length + own.encode("4").length);
    expect(pc.completionMask.reduce((a, b) => a + b, 0)).toBe(own.encode("4").length + 1);
  });

  it("renders tool turns as the trainer does (tools, <tool_call> blocks) and leaves weight-0 turns unlearned", async () => {
    const tok = await inferaTinyTokenizer();
    const tools = [{ type: "function", function: { name: "w" } }];
    const seq = tok.renderChat!(
      [
        { role: "user", content: "weather?" },
        {
          role: "assistant",
          content: "",
          tool_calls: [{ id: "c1", type: "function", function: { name: "w", arguments: "{}" } }],
        },
        { role: "tool", content: "sunny", tool_call_id: "c1" },
        { role: "assistant", content: "Sunny.", weight: 0 },
      ],
      tools,
    );
    const own = new Tokenizer(inferaTinyJson());
    expect(seq.ids[0]).toBe(own.bosId);
    const learned = own.decode(seq.ids.filter((_, i) => seq.completionMask[i] === 1));
    expect(learned).toBe('<tool_call>\n{"name": "w", "arguments": {}}\n</tool_call><|im_end|>');
    expect(own.decode(seq.ids)).toContain(
      '# Tools\n<tools>\n{"type": "function", "function": {"name": "w"}}\n</tools>',
    );
  });
});

describe("Hugging Face tokenizer.json", () => {
  const files = inferaTinyAsHuggingFace();

  it("loads offline from the JSON and gives the same ids as our BPE on the same vocab", () => {
    const hf = huggingFaceTokenizer(files);
    const own = new Tokenizer(inferaTinyJson());
    for (const text of SAMPLE_TEXTS.slice(0, -1)) expect(hf.encode(text)).toEqual(own.encode(text));
    expect(hf.id).toMatch(/^hf-tokenizer\/[0-9a-f]{12}$/);
  });

  it("renders chats with the model's chat template", () => {
    const hf = huggingFaceTokenizer(files);
    const own = new Tokenizer(inferaTinyJson());
    const seq = hf.renderChat!([...conversation]);
    expect(seq.ids).toEqual(own.encode(chatText([...conversation]), { parseSpecial: true }));
    expect(seq.completionMask.reduce((a, b) => a + b, 0)).toBe(
      own.encode("4.").length + own.encode("6.").length,
    );
  });

  it("is what tokenizerFromFiles picks for a Hugging Face file, and ours for an infera-bpe file", () => {
    expect(tokenizerFromFiles({ tokenizerJson: JSON.stringify(files.tokenizer) })!.id).toMatch(
      /^hf-tokenizer/,
    );
    expect(tokenizerFromFiles({ tokenizerJson: inferaTinyJson() as never, id: "tiny" })!.id).toBe("tiny");
    expect(tokenizerFromFiles({ tokenizerJson: "{}" })).toBeUndefined();
  });
});
