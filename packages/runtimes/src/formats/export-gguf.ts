import { LlamaFileType } from "@infera/core/model-files";
import type { LlamaConfig } from "../model/config.js";
import { headDim } from "../model/config.js";
import { type LoraSpec, loraNames, weightShapes } from "../model/weights.js";
import type { Tokenizer } from "../tokenizer/bpe.js";
import { encodeGguf, type GgmlTypeName, type GgufTensorIn, type GgufValue } from "./gguf.js";
import type { NamedTensor } from "./safetensors.js";

export type BaseFileType = "F32" | "F16" | "Q8_0";

const TOKEN_TYPE_NORMAL = 1;
const TOKEN_TYPE_CONTROL = 3;

/** `general.*`, `llama.*` and `tokenizer.*` keys of a llama base model. */
export function baseMetadata(
  config: LlamaConfig,
  tok: Tokenizer,
  opts: { name: string; fileType: BaseFileType },
): [string, GgufValue][] {
  if (tok.size !== config.vocabSize) {
    throw new Error(`tokenizer has ${tok.size} tokens but the model's vocabSize is ${config.vocabSize}`);
  }
  return [
    ["general.architecture", { type: "string", value: "llama" }],
    ["general.type", { type: "string", value: "model" }],
    ["general.name", { type: "string", value: opts.name }],
    ["general.file_type", { type: "u32", value: LlamaFileType[opts.fileType] }],
    ["general.alignment", { type: "u32", value: 32 }],
    ["llama.vocab_size", { type: "u32", value: config.vocabSize }],
    ["llama.context_length", { type: "u32", value: config.maxSeqLen }],
    ["llama.embedding_length", { type: "u32", value: config.dim }],
    ["llama.block_count", { type: "u32", value: config.nLayers }],
    ["llama.feed_forward_length", { type: "u32", value: config.hiddenDim }],
    ["llama.attention.head_count", { type: "u32", value: config.nHeads }],
    ["llama.attention.head_count_kv", { type: "u32", value: config.nKvHeads }],
    ["llama.rope.dimension_count", { type: "u32", value: headDim(config) }],
    ["llama.rope.freq_base", { type: "f32", value: config.ropeTheta }],
    ["llama.attention.layer_norm_rms_epsilon", { type: "f32", value: config.normEps }],
    ["tokenizer.ggml.model", { type: "string", value: "gpt2" }],
    ["tokenizer.ggml.pre", { type: "string", value: "gpt-2" }],
    ["tokenizer.ggml.tokens", { type: "string[]", value: [...tok.vocab] }],
    [
      "tokenizer.ggml.token_type",
      {
        type: "i32[]",
        value: tok.vocab.map((_, i) => (tok.special.has(i) ? TOKEN_TYPE_CONTROL : TOKEN_TYPE_NORMAL)),
      },
    ],
    ["tokenizer.ggml.merges", { type: "string[]", value: [...tok.merges] }],
    ["tokenizer.ggml.bos_token_id", { type: "u32", value: tok.bosId }],
    ["tokenizer.ggml.eos_token_id", { type: "u32", value: tok.eosId }],
    ["tokenizer.ggml.eot_token_id", { type: "u32", value: tok.eotId }],
    ["tokenizer.ggml.padding_token_id", { type: "u32", value: tok.padId }],
    ["tokenizer.ggml.add_bos_token", { type: "bool", value: tok.addBos }],
    ["tokenizer.ggml.add_eos_token", { type: "bool", value: false }],
    ["tokenizer.chat_template", { type: "string", value: tok.chatTemplate }],
  ];
}

/** GGUF bytes of a base model: matrices in `fileType`, norm vectors always F32 (as llama.cpp's converter). */
export function encodeBaseGguf(
  config: LlamaConfig,
  tok: Tokenizer,
  weights: Record<string, NamedTensor>,
  opts: { name?: string; fileType?: BaseFileType } = {},
): Buffer {
  const fileType = opts.fileType ?? "F32";
  const metadata = baseMetadata(config, tok, { name: opts.name ?? "infera-tiny", fileType });
  const tensors: GgufTensorIn[] = weightShapes(config).map(([name, shape]) => {
    const t = weights[name];
    if (!t) throw new Error(`weights are missing tensor ${name}`);
    if (t.shape.join(",") !== shape.join(","))
      throw new Error(`tensor ${name} has shape [${t.shape}], expected [${shape}]`);
    const type: GgmlTypeName = shape.length === 1 ? "F32" : fileType;
    return { name, shape, data: t.data, type };
  });
  return encodeGguf(metadata, tensors);
}

/**
 * GGUF bytes of a LoRA adapter in llama.cpp's format: general.type "adapter", adapter.type "lora",
 * adapter.lora.alpha; `<base>.lora_a` with numpy shape [rank, in] and `<base>.lora_b` [out, rank]
 * (ggml ne [in, rank] and [rank, out]). llama.cpp scales by alpha / rank, as PEFT does.
 */
export function encodeLoraGguf(
  config: LlamaConfig,
  spec: LoraSpec,
  lora: Record<string, NamedTensor>,
  opts: { name?: string; type?: "F32" | "F16" } = {},
): Buffer {
  const tensors: GgufTensorIn[] = [];
  for (let i = 0; i < config.nLayers; i++) {
    for (const m of spec.targetModules) {
      const { a, b } = loraNames(i, m);
      for (const n of [a, b]) {
        const t = lora[n];
        if (!t) throw new Error(`adapter is missing tensor ${n}`);
        tensors.push({ name: n, shape: t.shape, data: t.data, type: opts.type ?? "F32" });
      }
    }
  }
  return encodeGguf(
    [
      ["general.architecture", { type: "string", value: "llama" }],
      ["general.type", { type: "string", value: "adapter" }],
      ["general.name", { type: "string", value: opts.name ?? "infera-tiny-lora" }],
      ["general.alignment", { type: "u32", value: 32 }],
      ["adapter.type", { type: "string", value: "lora" }],
      ["adapter.lora.alpha", { type: "f32", value: spec.alpha }],
    ],
    tensors,
  );
}
