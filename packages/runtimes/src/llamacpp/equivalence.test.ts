import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import type { LlamaModel } from "node-llama-cpp";
import { beforeAll, describe, expect, it } from "vitest";
import { encodeBaseGguf, encodeLoraGguf } from "../formats/export-gguf.js";
import { mergeLora } from "../formats/merge-lora.js";
import { INFERA_TINY_DIR, loadModel, MODEL_FILES } from "../formats/model-dir.js";
import type { NamedTensor } from "../formats/safetensors.js";
import { toNamedTensors, weightsFromNamedTensors } from "../formats/tensors.js";
import { initBackend } from "../model/backend.js";
import type { LlamaConfig } from "../model/config.js";
import { forward, greedyGenerate } from "../model/forward.js";
import {
  initLora,
  type LlamaWeights,
  LORA_TARGET_MODULES,
  type LoraSpec,
  type LoraWeights,
} from "../model/weights.js";
import type { Tokenizer } from "../tokenizer/bpe.js";
import { chatText } from "../tokenizer/chat-template.js";
import { llamaGreedy, loadGgufModel } from "./engine.js";

// The bundled infera-tiny base, exported again by our writer and run by the real llama.cpp.
const dir = mkdtempSync(join(tmpdir(), "infera-llamacpp-"));
let config: LlamaConfig;
let tok: Tokenizer;
let tensors: Record<string, NamedTensor>;
let weights: LlamaWeights;
let f32: LlamaModel;

const PROMPTS = ["Anna had a", "Question: What is the capital of Japan?\nAnswer:", "The dog"];
const GEN = 40;

const spec: LoraSpec = { rank: 8, alpha: 16, dropout: 0, targetModules: [...LORA_TARGET_MODULES] };
let lora: LoraWeights;

beforeAll(async () => {
  await initBackend();
  ({ config, tokenizer: tok, tensors, weights } = await loadModel(INFERA_TINY_DIR));
  writeFileSync(join(dir, "f32.gguf"), encodeBaseGguf(config, tok, tensors, { fileType: "F32" }));
  f32 = await loadGgufModel(join(dir, "f32.gguf"));
  lora = initLora(config, spec, 11);
  let seed = 100;
  for (const [name, v] of Object.entries(lora)) {
    if (name.endsWith(".lora_b")) v.assign(tf.randomNormal(v.shape, 0, 0.05, "float32", seed++));
  }
  writeFileSync(join(dir, "adapter.gguf"), encodeLoraGguf(config, spec, toNamedTensors(lora)));
});

describe("llama.cpp equivalence (infera-tiny)", () => {
  it("the committed GGUF is exactly what our writer produces from the committed safetensors", () => {
    expect(
      readFileSync(join(INFERA_TINY_DIR, MODEL_FILES.gguf)).equals(readFileSync(join(dir, "f32.gguf"))),
    ).toBe(true);
  });

  it("llama.cpp tokenizes test strings exactly as we do", () => {
    const strings = [
      "Hello, world! This is Infera.",
      "Anna had a small cat. Every morning, she went to the park.",
      "Punctuation: (a) [b] {c} <d> -- ... ?! ; : ' \" ` ~ @ # $ % ^ & * _ + = | \\ /",
      "don't can't it's we'll they've I'm she'd",
      "Numbers 0 12 345 6789 3.14159 1,000,000",
      "小明喜欢苹果。今天是晴天，小明去了公园。",
      "日本語とひらがな、한국어 텍스트",
      "Emoji 🙂 👍🏽 🇫🇷 👨‍👩‍👧 ✨",
      "Ünïcödé àccénts ñ ß ø œ",
      "   leading spaces, double  spaces,\ttabs\t\tand\n\nnew lines\r\n   ",
      "\n",
      " ",
      "trailing space ",
    ];
    for (const s of strings) {
      expect(Array.from(f32.tokenize(s, false)), JSON.stringify(s)).toEqual(tok.encode(s));
    }
    const chat = chatText([{ role: "user", content: "What color is a lemon?" }], {
      defaultSystemPrompt: "You are a helpful assistant.",
      addGenerationPrompt: true,
    });
    expect(Array.from(f32.tokenize(chat, true))).toEqual(tok.encode(chat, { parseSpecial: true }));
  });

  it("F32 greedy generation equals our forward pass for 40 tokens on fixed prompts", async () => {
    for (const p of PROMPTS) {
      const ids = tok.encode(p, { addBos: true });
      const ours = greedyGenerate(weights, config, ids, GEN);
      const theirs = await llamaGreedy(f32, ids, GEN);
      expect(theirs, p).toHaveLength(GEN);
      expect(theirs, `${p} → ${tok.decode(theirs)}`).toEqual(ours);
    }
  });

  it("base + LoRA adapter GGUF: llama.cpp equals our forward with the adapter, and differs from the base", async () => {
    let changed = 0;
    for (const p of PROMPTS) {
      const ids = tok.encode(p, { addBos: true });
      const ours = greedyGenerate(weights, config, ids, GEN, { lora: { weights: lora, spec } });
      const theirs = await llamaGreedy(f32, ids, GEN, { loras: [{ filePath: join(dir, "adapter.gguf") }] });
      expect(theirs, `${p} → ${tok.decode(theirs)}`).toEqual(ours);
      if (ours.join() !== greedyGenerate(weights, config, ids, GEN).join()) changed++;
    }
    expect(changed).toBeGreaterThan(0);
  });

  it("merging the adapter into the base gives the same logits as applying it", () => {
    const merged = weightsFromNamedTensors(config, mergeLora(config, tensors, spec, toNamedTensors(lora)));
    const ids = tf.tensor2d([tok.encode(PROMPTS[0]!, { addBos: true })], undefined, "int32");
    const a = forward(merged, ids);
    const b = forward(weights, ids, { lora: { weights: lora, spec } });
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(1e-3);
  });

  it("F16 and Q8_0 exports load in llama.cpp and generate text close to F32", async () => {
    const ids = tok.encode(PROMPTS[0]!, { addBos: true });
    const reference = await llamaGreedy(f32, ids, 16);
    for (const fileType of ["F16", "Q8_0"] as const) {
      const path = join(dir, `${fileType}.gguf`);
      writeFileSync(path, encodeBaseGguf(config, tok, tensors, { fileType }));
      expect(statSync(path).size).toBeLessThan(
        statSync(join(dir, "f32.gguf")).size * (fileType === "F16" ? 0.6 : 0.4),
      );
      const model = await loadGgufModel(path);
      const out = await llamaGreedy(model, ids, 16);
      expect(out).toHaveLength(16);
      expect(out.slice(0, 4)).toEqual(reference.slice(0, 4));
      await model.dispose();
    }
  });
});
