import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type LlamaConfig, validateConfig } from "../model/config.js";
import type { LlamaWeights } from "../model/weights.js";
import { Tokenizer, type TokenizerJson } from "../tokenizer/bpe.js";
import { type BaseFileType, encodeBaseGguf } from "./export-gguf.js";
import { decodeSafetensors, encodeSafetensors, type NamedTensor } from "./safetensors.js";
import { toNamedTensors, weightsFromNamedTensors } from "./tensors.js";

/** The bundled base model: packages/runtimes/assets/infera-tiny. */
export const INFERA_TINY_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../assets/infera-tiny");

export const MODEL_FILES = {
  config: "config.json",
  tokenizer: "tokenizer.json",
  weights: "model.safetensors",
  gguf: "infera-tiny-f32.gguf",
} as const;

export interface ModelDir {
  config: LlamaConfig;
  tokenizer: Tokenizer;
  tensors: Record<string, NamedTensor>;
}

/** Reads config.json, tokenizer.json and model.safetensors of a model directory (plain arrays, no TF.js). */
export async function readModelDir(dir: string = INFERA_TINY_DIR): Promise<ModelDir> {
  const config = JSON.parse(await readFile(join(dir, MODEL_FILES.config), "utf8")) as LlamaConfig;
  validateConfig(config);
  const tokenizer = new Tokenizer(
    JSON.parse(await readFile(join(dir, MODEL_FILES.tokenizer), "utf8")) as TokenizerJson,
  );
  if (tokenizer.size !== config.vocabSize) {
    throw new Error(`tokenizer has ${tokenizer.size} tokens, config.vocabSize is ${config.vocabSize}`);
  }
  const { tensors } = decodeSafetensors(await readFile(join(dir, MODEL_FILES.weights)));
  return { config, tokenizer, tensors };
}

/** readModelDir plus TF.js variables ready for forward(). */
export async function loadModel(dir: string = INFERA_TINY_DIR) {
  const m = await readModelDir(dir);
  return { ...m, weights: weightsFromNamedTensors(m.config, m.tensors) };
}

/** Writes config.json, tokenizer.json, model.safetensors and a GGUF of the weights. */
export async function writeModelDir(
  dir: string,
  config: LlamaConfig,
  tokenizer: Tokenizer,
  weights: LlamaWeights | Record<string, NamedTensor>,
  opts: { ggufType?: BaseFileType; name?: string } = {},
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const first = Object.values(weights)[0];
  const tensors =
    first && "dataSync" in first
      ? toNamedTensors(weights as LlamaWeights)
      : (weights as Record<string, NamedTensor>);
  await writeFile(join(dir, MODEL_FILES.config), `${JSON.stringify(config, null, 2)}\n`);
  await writeFile(join(dir, MODEL_FILES.tokenizer), JSON.stringify(tokenizer.toJSON()));
  await writeFile(
    join(dir, MODEL_FILES.weights),
    encodeSafetensors(tensors, { format: "pt", architecture: "llama", config: JSON.stringify(config) }),
  );
  const type = opts.ggufType ?? "F32";
  await writeFile(
    join(dir, `infera-tiny-${type.toLowerCase()}.gguf`),
    encodeBaseGguf(config, tokenizer, tensors, { fileType: type, name: opts.name ?? "infera-tiny" }),
  );
}
