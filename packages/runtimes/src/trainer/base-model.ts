import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import type { TrainingTokenizer } from "../data/encode.js";
import { decodeSafetensors } from "../formats/safetensors.js";
import { initBackend } from "../model/backend.js";
import {
  type LlamaConfig,
  type LlamaWeights,
  validateConfig,
  weightShapes,
  withConfig,
} from "../model/index.js";
import { renderChat, renderPromptCompletion, Tokenizer, type TokenizerJson } from "../tokenizer/index.js";
import { TrainerFailure } from "./errors.js";

export interface BaseModel {
  dir: string;
  config: LlamaConfig;
  weights: LlamaWeights;
  tokenizer: TrainingTokenizer;
  rawTokenizer: Tokenizer;
  /** sha256 of model.safetensors */
  modelSha256: string;
  /** sha256 of tokenizer.json */
  tokenizerSha256: string;
}

export function sha256Of(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

export function trainingTokenizer(tok: Tokenizer): TrainingTokenizer {
  return {
    vocabSize: tok.size,
    eosId: tok.eosId,
    bosId: tok.addBos ? tok.bosId : undefined,
    encodeText: (text) => tok.encode(text),
    renderChat: (messages, opts) => renderChat(tok, messages, opts),
    renderPromptCompletion: (prompt, completion) => renderPromptCompletion(tok, prompt, completion),
  };
}

export function readConfig(dir: string): LlamaConfig {
  const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8")) as LlamaConfig;
  validateConfig(config);
  return config;
}

/** A base model directory: config.json, tokenizer.json, model.safetensors (GGUF tensor names). */
export async function loadBaseModel(dir: string): Promise<BaseModel> {
  await initBackend();
  for (const f of ["config.json", "tokenizer.json", "model.safetensors"]) {
    if (!existsSync(join(dir, f))) {
      throw new TrainerFailure(
        "invalid_spec",
        `base model ${dir} has no ${f}`,
        "Point base_model at a directory with config.json, tokenizer.json and model.safetensors.",
      );
    }
  }
  const config = readConfig(dir);
  const tokenizerBytes = readFileSync(join(dir, "tokenizer.json"));
  const raw = new Tokenizer(JSON.parse(tokenizerBytes.toString("utf8")) as TokenizerJson);
  if (raw.size !== config.vocabSize) {
    throw new TrainerFailure(
      "tokenizer_mismatch",
      `the tokenizer has ${raw.size} tokens but the model's vocabulary is ${config.vocabSize}`,
      "Use the tokenizer.json that was exported with this model.",
    );
  }
  const modelBytes = readFileSync(join(dir, "model.safetensors"));
  const { tensors } = decodeSafetensors(modelBytes);
  const weights: LlamaWeights = {};
  for (const [name, shape] of weightShapes(config)) {
    const t = tensors[name];
    if (!t || t.shape.join(",") !== shape.join(","))
      throw new TrainerFailure(
        "invalid_spec",
        `model.safetensors: tensor ${name} missing or not ${shape.join("×")}`,
      );
    weights[name] = tf.tidy(() => tf.variable(tf.tensor(t.data, t.shape), true));
  }
  return {
    dir,
    config,
    weights: withConfig(weights, config),
    tokenizer: trainingTokenizer(raw),
    rawTokenizer: raw,
    modelSha256: sha256Of(modelBytes),
    tokenizerSha256: sha256Of(tokenizerBytes),
  };
}
