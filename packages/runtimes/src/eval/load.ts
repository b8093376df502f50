import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { encodeBaseGguf } from "../formats/export-gguf.js";
import { decodeSafetensors } from "../formats/safetensors.js";
import { toNamedTensors } from "../formats/tensors.js";
import type { LoraSpec, LoraWeights } from "../model/index.js";
import { type BaseModel, loadBaseModel } from "../trainer/base-model.js";

export interface EvalModel {
  base: BaseModel;
  lora?: { weights: LoraWeights; spec: LoraSpec };
  /** GGUF files llama.cpp loads: the model, and the adapter for a LoRA run. */
  modelGguf: string;
  adapterGguf?: string;
  label: string;
  dispose(): void;
}

interface Manifest {
  kind: "lora_adapter" | "full_model";
  base_model: { sha256: string };
  lora?: { rank: number; alpha: number; dropout: number; target_modules: string[] };
}

/** The F32 GGUF of a model directory: one shipped beside it, or exported from its safetensors. */
function modelGgufOf(model: BaseModel): string {
  const shipped = readdirSync(model.dir).filter((f) => f.endsWith(".gguf"));
  const f32 = shipped.find((f) => f === "model.gguf") ?? shipped.find((f) => /f32/i.test(f));
  if (f32) return join(model.dir, f32);
  const path = join(mkdtempSync(join(tmpdir(), "infera-eval-")), "model.gguf");
  writeFileSync(path, encodeBaseGguf(model.config, model.rawTokenizer, toNamedTensors(model.weights)));
  return path;
}

/**
 * The model to evaluate: a base model directory, optionally with a training output (`final/`):
 * a LoRA adapter applied over the base, or a full fine-tune that replaces it.
 */
export async function loadEvalModel(opts: { base: string; finetuned?: string }): Promise<EvalModel> {
  const manifestPath = opts.finetuned ? join(opts.finetuned, "manifest.json") : undefined;
  const manifest =
    manifestPath && existsSync(manifestPath)
      ? (JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest)
      : undefined;
  if (opts.finetuned && !manifest)
    throw new Error(`${opts.finetuned} has no manifest.json (expected a training output's final/ directory)`);
  if (manifest?.kind === "full_model") {
    const base = await loadBaseModel(opts.finetuned!);
    return {
      base,
      modelGguf: modelGgufOf(base),
      label: "full fine-tune",
      dispose: () => disposeAll(base.weights),
    };
  }
  const base = await loadBaseModel(opts.base);
  if (!manifest || !opts.finetuned) {
    return { base, modelGguf: modelGgufOf(base), label: "base", dispose: () => disposeAll(base.weights) };
  }
  if (manifest.base_model.sha256 !== base.modelSha256) {
    throw new Error(
      `the adapter was trained on base ${manifest.base_model.sha256.slice(0, 12)}…, not on ${opts.base}`,
    );
  }
  const spec: LoraSpec = {
    rank: manifest.lora!.rank,
    alpha: manifest.lora!.alpha,
    dropout: manifest.lora!.dropout,
    targetModules: manifest.lora!.target_modules,
  };
  const { tensors } = decodeSafetensors(readFileSync(join(opts.finetuned, "adapter.safetensors")));
  const weights: LoraWeights = {};
  for (const [name, t] of Object.entries(tensors))
    weights[name] = tf.tidy(() => tf.variable(tf.tensor(t.data, t.shape), false));
  return {
    base,
    lora: { weights, spec },
    modelGguf: modelGgufOf(base),
    adapterGguf: join(opts.finetuned, "adapter.gguf"),
    label: "base + LoRA adapter",
    dispose: () => {
      disposeAll(base.weights);
      disposeAll(weights);
    },
  };
}

function disposeAll(vars: Record<string, tf.Variable>): void {
  for (const v of Object.values(vars)) v.dispose();
}
