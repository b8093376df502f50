import { GgmlType } from "@infera/core/model-files";
import { describe, expect, it } from "vitest";
import type { LlamaConfig } from "../model/config.js";
import { weightShapes } from "../model/weights.js";
import { trainBpe } from "../tokenizer/train.js";
import { encodeBaseGguf, encodeLoraGguf } from "./export-gguf.js";
import { fromHalf, toHalf } from "./fp16.js";
import { decodeGguf } from "./gguf.js";
import { mergeLora } from "./merge-lora.js";
import { dequantizeQ8_0, quantizeQ8_0 } from "./q8-0.js";
import { decodeSafetensors, encodeSafetensors, type NamedTensor } from "./safetensors.js";

function randomTensor(shape: number[], seed: number): NamedTensor {
  let s = seed;
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    data[i] = (s / 2147483648 - 0.5) * 0.2;
  }
  return { shape, data };
}

const tok = trainBpe(["hello world, hello there. the cat sat."], { vocabSize: 270 });
const config: LlamaConfig = {
  vocabSize: tok.size,
  dim: 32,
  nLayers: 2,
  nHeads: 4,
  nKvHeads: 2,
  hiddenDim: 64,
  maxSeqLen: 64,
  ropeTheta: 10000,
  normEps: 1e-5,
};
const weights = Object.fromEntries(weightShapes(config).map(([n, s], i) => [n, randomTensor(s, i + 1)]));

describe("safetensors", () => {
  it("round-trips tensors and metadata; header is 8-byte aligned", () => {
    const buf = encodeSafetensors(weights, { format: "pt" });
    const n = Number(buf.readBigUInt64LE(0));
    expect((8 + n) % 8).toBe(0);
    const back = decodeSafetensors(buf);
    expect(back.metadata).toEqual({ format: "pt" });
    for (const [name, t] of Object.entries(weights)) {
      expect(back.tensors[name]!.shape).toEqual(t.shape);
      expect(Array.from(back.tensors[name]!.data)).toEqual(Array.from(t.data));
    }
  });
});

describe("fp16 and Q8_0", () => {
  it("fp16 rounds to nearest even and handles subnormals and overflow", () => {
    expect(toHalf(1)).toBe(0x3c00);
    expect(toHalf(-2)).toBe(0xc000);
    expect(toHalf(65504)).toBe(0x7bff);
    expect(toHalf(1e6)).toBe(0x7c00);
    expect(fromHalf(toHalf(2 ** -24))).toBe(2 ** -24);
    expect(toHalf(1 + 2 ** -11)).toBe(0x3c00); // tie → even
    expect(toHalf(1 + 3 * 2 ** -11)).toBe(0x3c02);
  });

  it("Q8_0 blocks are 34 bytes and dequantize within half a step", () => {
    const x = randomTensor([64], 3).data;
    const q = quantizeQ8_0(x);
    expect(q.length).toBe(2 * 34);
    const y = dequantizeQ8_0(q, 64);
    for (let b = 0; b < 2; b++) {
      const block = x.subarray(b * 32, b * 32 + 32);
      const step = Math.max(...Array.from(block, Math.abs)) / 127;
      for (let j = 0; j < 32; j++)
        expect(Math.abs(y[b * 32 + j]! - block[j]!)).toBeLessThanOrEqual(step * 0.51 + 1e-6);
    }
  });
});

describe("GGUF", () => {
  it("base model: llama metadata, tokenizer, ne order reversed, norms stay F32", async () => {
    for (const fileType of ["F32", "F16", "Q8_0"] as const) {
      const g = await decodeGguf(encodeBaseGguf(config, tok, weights, { fileType }));
      expect(g.version).toBe(3);
      expect(g.metadata.get("general.architecture")).toBe("llama");
      expect(g.metadata.get("llama.attention.head_count_kv")).toBe(2);
      expect(g.metadata.get("llama.rope.dimension_count")).toBe(8);
      expect(g.metadata.get("tokenizer.ggml.model")).toBe("gpt2");
      expect((g.metadata.get("tokenizer.ggml.tokens") as string[]).length).toBe(tok.size);
      expect(g.metadata.get("tokenizer.chat_template")).toContain("<|im_start|>");
      const q = g.tensors.find((t) => t.name === "blk.0.attn_k.weight")!;
      expect(q.shape).toEqual([16, 32]);
      expect(q.type).toBe(GgmlType[fileType]);
      expect(g.tensors.find((t) => t.name === "blk.1.ffn_norm.weight")!.type).toBe(GgmlType.F32);
      const tol = fileType === "F32" ? 0 : fileType === "F16" ? 1e-4 : 2e-3;
      const w = weights["blk.0.attn_k.weight"]!.data;
      for (let i = 0; i < w.length; i++) expect(Math.abs(q.data[i]! - w[i]!)).toBeLessThanOrEqual(tol);
    }
  });

  it("refuses a tokenizer whose size differs from the config", () => {
    expect(() => encodeBaseGguf({ ...config, vocabSize: config.vocabSize + 1 }, tok, weights)).toThrow(
      /tokenizer/,
    );
  });

  it("LoRA adapter: llama.cpp adapter keys and shapes [rank,in] / [out,rank]", async () => {
    const spec = { rank: 4, alpha: 8, dropout: 0, targetModules: ["attn_q", "ffn_down"] };
    const lora: Record<string, NamedTensor> = {};
    for (let i = 0; i < 2; i++) {
      lora[`blk.${i}.attn_q.weight.lora_a`] = randomTensor([4, 32], i);
      lora[`blk.${i}.attn_q.weight.lora_b`] = randomTensor([32, 4], i + 10);
      lora[`blk.${i}.ffn_down.weight.lora_a`] = randomTensor([4, 64], i + 20);
      lora[`blk.${i}.ffn_down.weight.lora_b`] = randomTensor([32, 4], i + 30);
    }
    const g = await decodeGguf(encodeLoraGguf(config, spec, lora));
    expect(g.metadata.get("general.type")).toBe("adapter");
    expect(g.metadata.get("adapter.type")).toBe("lora");
    expect(g.metadata.get("adapter.lora.alpha")).toBe(8);
    expect(g.tensors.map((t) => t.name)).toContain("blk.1.ffn_down.weight.lora_b");
    expect(g.tensors.find((t) => t.name === "blk.0.ffn_down.weight.lora_a")!.shape).toEqual([4, 64]);

    const merged = mergeLora(config, weights, spec, lora);
    const [o, j] = [3, 5];
    const a = lora["blk.0.attn_q.weight.lora_a"]!.data;
    const b = lora["blk.0.attn_q.weight.lora_b"]!.data;
    let delta = 0;
    for (let k = 0; k < 4; k++) delta += b[o * 4 + k]! * a[k * 32 + j]!;
    const before = weights["blk.0.attn_q.weight"]!.data[o * 32 + j]!;
    expect(merged["blk.0.attn_q.weight"]!.data[o * 32 + j]).toBeCloseTo(before + 2 * delta, 6);
    expect(merged["blk.0.attn_k.weight"]!.data).toEqual(weights["blk.0.attn_k.weight"]!.data);
  });
});
