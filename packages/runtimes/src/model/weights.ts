import * as tf from "@tensorflow/tfjs";
import { headDim, type LlamaConfig, validateConfig } from "./config.js";

/**
 * Weights keyed by GGUF tensor names. Every matrix is stored in the PyTorch / GGUF row-major
 * layout `[out, in]` (a linear layer computes `y = x · Wᵀ`); `token_embd.weight` is `[vocab, dim]`.
 * The output head is untied (`output.weight` is its own tensor).
 */
export type LlamaWeights = Record<string, tf.Variable>;

export interface LoraSpec {
  rank: number;
  alpha: number;
  dropout: number;
  targetModules: string[];
}

/** `blk.{i}.{module}.weight.lora_a` is `[rank, in]`, `.lora_b` is `[out, rank]` (PEFT and llama.cpp layout). */
export type LoraWeights = Record<string, tf.Variable>;

export const LORA_TARGET_MODULES = [
  "attn_q",
  "attn_k",
  "attn_v",
  "attn_output",
  "ffn_gate",
  "ffn_up",
  "ffn_down",
] as const;

/** `[out, in]` of a linear module in one block. */
export function moduleShape(config: LlamaConfig, module: string): [number, number] {
  const kvDim = config.nKvHeads * headDim(config);
  switch (module) {
    case "attn_q":
    case "attn_output":
      return [config.dim, config.dim];
    case "attn_k":
    case "attn_v":
      return [kvDim, config.dim];
    case "ffn_gate":
    case "ffn_up":
      return [config.hiddenDim, config.dim];
    case "ffn_down":
      return [config.dim, config.hiddenDim];
    default:
      throw new Error(`unknown module ${module}`);
  }
}

/** Tensor names and shapes of the base model, in GGUF order. */
export function weightShapes(config: LlamaConfig): [string, number[]][] {
  const out: [string, number[]][] = [["token_embd.weight", [config.vocabSize, config.dim]]];
  for (let i = 0; i < config.nLayers; i++) {
    out.push([`blk.${i}.attn_norm.weight`, [config.dim]]);
    for (const m of ["attn_q", "attn_k", "attn_v", "attn_output"]) {
      out.push([`blk.${i}.${m}.weight`, moduleShape(config, m)]);
    }
    out.push([`blk.${i}.ffn_norm.weight`, [config.dim]]);
    for (const m of ["ffn_gate", "ffn_up", "ffn_down"])
      out.push([`blk.${i}.${m}.weight`, moduleShape(config, m)]);
  }
  out.push(["output_norm.weight", [config.dim]]);
  out.push(["output.weight", [config.vocabSize, config.dim]]);
  return out;
}

/** Deterministic GPT-2 style init: N(0, 0.02), residual output projections scaled by 1/sqrt(2·nLayers). */
export function initWeights(config: LlamaConfig, seed: number): LlamaWeights {
  validateConfig(config);
  const weights: LlamaWeights = {};
  const residualStd = 0.02 / Math.sqrt(2 * config.nLayers);
  weightShapes(config).forEach(([name, shape], idx) => {
    const init = tf.tidy(() => {
      if (shape.length === 1) return tf.ones(shape);
      const std = /attn_output|ffn_down/.test(name) ? residualStd : 0.02;
      return tf.truncatedNormal(shape, 0, std, "float32", seed * 1000 + idx);
    });
    weights[name] = tf.variable(init, true);
    init.dispose();
  });
  return withConfig(weights, config);
}

const configKey = Symbol.for("infera.llamaConfig");

/**
 * Attaches the config to a weights object (an enumerable symbol: it survives `{ ...weights }` and is
 * invisible to Object.keys/values/entries), so forward() can read nHeads, ropeTheta and normEps.
 */
export function withConfig<T extends Record<string, tf.Variable>>(weights: T, config: LlamaConfig): T {
  Object.defineProperty(weights, configKey, {
    value: config,
    enumerable: true,
    configurable: true,
    writable: true,
  });
  return weights;
}

export function configOf(weights: Record<string, tf.Variable>): LlamaConfig {
  const cfg = (weights as unknown as Record<symbol, LlamaConfig | undefined>)[configKey];
  if (!cfg)
    throw new Error("weights carry no config: create them with initWeights or withConfig(weights, config)");
  return cfg;
}

export function loraNames(layer: number, module: string): { a: string; b: string } {
  return { a: `blk.${layer}.${module}.weight.lora_a`, b: `blk.${layer}.${module}.weight.lora_b` };
}

/** LoRA A ~ kaiming-uniform-like (as PEFT), B = 0 so the adapted model starts equal to the base. */
export function initLora(config: LlamaConfig, spec: LoraSpec, seed: number): LoraWeights {
  validateLoraSpec(spec);
  const lora: LoraWeights = {};
  let idx = 0;
  for (let i = 0; i < config.nLayers; i++) {
    for (const m of spec.targetModules) {
      const [out, inp] = moduleShape(config, m);
      const { a, b } = loraNames(i, m);
      const bound = 1 / Math.sqrt(inp);
      const aInit = tf.randomUniform([spec.rank, inp], -bound, bound, "float32", seed * 1000 + idx++);
      lora[a] = tf.variable(aInit, true);
      aInit.dispose();
      const bInit = tf.zeros([out, spec.rank]);
      lora[b] = tf.variable(bInit, true);
      bInit.dispose();
    }
  }
  return lora;
}

export function validateLoraSpec(spec: LoraSpec): void {
  if (!Number.isInteger(spec.rank) || spec.rank <= 0) throw new Error("lora rank must be a positive integer");
  if (!(spec.alpha > 0)) throw new Error("lora alpha must be > 0");
  if (!(spec.dropout >= 0 && spec.dropout < 1)) throw new Error("lora dropout must be in [0, 1)");
  if (spec.targetModules.length === 0) throw new Error("lora targetModules must not be empty");
  for (const m of spec.targetModules) {
    if (!(LORA_TARGET_MODULES as readonly string[]).includes(m)) {
      throw new Error(`unknown lora target module "${m}" (one of ${LORA_TARGET_MODULES.join(", ")})`);
    }
  }
}

export function disposeWeights(weights: Record<string, tf.Variable>): void {
  for (const v of Object.values(weights)) v.dispose();
}
