import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { ArtifactEvent, TrainJobSpec } from "@infera/contracts";
import type * as tf from "@tensorflow/tfjs";
import { encodeSafetensors, type NamedTensor } from "../formats/safetensors.js";
import type { Emitter } from "../protocol/emitter.js";
import type { BaseModel } from "./base-model.js";
import { sha256Of } from "./base-model.js";
import { exportGguf } from "./gguf-export.js";
import type { TrainModel } from "./step.js";

export interface OutputSummary {
  step: number;
  finalLoss?: number;
  bestEvalLoss: number | null;
}

async function tensorsOf(vars: Record<string, tf.Variable>): Promise<Record<string, NamedTensor>> {
  const out: Record<string, NamedTensor> = {};
  for (const [name, v] of Object.entries(vars))
    out[name] = { shape: [...v.shape], data: (await v.data()) as Float32Array };
  return out;
}

function artifact(
  path: string,
  kind: ArtifactEvent["kind"],
  format: ArtifactEvent["format"],
  extra: { gguf_type?: string } = {},
): Omit<ArtifactEvent, "time"> {
  const bytes = readFileSync(path);
  return {
    type: "artifact",
    kind,
    path,
    format,
    sha256: sha256Of(bytes),
    size_bytes: statSync(path).size,
    ...extra,
  };
}

/**
 * Writes the run's outputs to `<output_dir>/final`: the LoRA adapter (adapter.safetensors,
 * adapter.gguf) or the full model (model.safetensors, model.gguf, config.json, tokenizer.json),
 * and manifest.json tying them to the base model's and tokenizer's digests. Built in a temporary
 * directory and renamed, so `final/` is either complete or absent.
 */
export async function exportOutputs(opts: {
  spec: TrainJobSpec;
  base: BaseModel;
  model: TrainModel;
  emitter: Emitter;
  summary: OutputSummary;
}): Promise<void> {
  const { spec, base, model, emitter } = opts;
  const finalDir = join(spec.output_dir, "final");
  const tmp = join(spec.output_dir, `.tmp-final-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const lora = spec.method === "lora";
  const stem = lora ? "adapter" : "model";
  const files: {
    name: string;
    kind: ArtifactEvent["kind"];
    format: ArtifactEvent["format"];
    gguf_type?: string;
  }[] = [];

  const metadata = {
    format: "pt",
    base_model_sha256: base.modelSha256,
    tokenizer_sha256: base.tokenizerSha256,
  };
  writeFileSync(
    join(tmp, `${stem}.safetensors`),
    encodeSafetensors(await tensorsOf(model.trainable), metadata),
  );
  files.push({ name: `${stem}.safetensors`, kind: lora ? "adapter" : "model", format: "safetensors" });
  if (!lora) {
    copyFileSync(join(base.dir, "tokenizer.json"), join(tmp, "tokenizer.json"));
    writeFileSync(join(tmp, "config.json"), `${JSON.stringify(base.config, null, 2)}\n`);
  }
  if (spec.export_gguf) {
    const gguf = await exportGguf({ dir: tmp, base, model, method: spec.method });
    files.push({
      name: basename(gguf.path),
      kind: lora ? "adapter" : "model",
      format: "gguf",
      gguf_type: gguf.type,
    });
  }
  const manifest = {
    format: "infera-manifest/1",
    kind: lora ? "lora_adapter" : "full_model",
    base_model: { path: base.dir, sha256: base.modelSha256 },
    tokenizer: { sha256: base.tokenizerSha256 },
    config: base.config,
    lora: model.lora
      ? {
          rank: model.lora.spec.rank,
          alpha: model.lora.spec.alpha,
          dropout: model.lora.spec.dropout,
          target_modules: model.lora.spec.targetModules,
        }
      : undefined,
    training: {
      runtime: "reference",
      stage: spec.stage,
      method: spec.method,
      steps: opts.summary.step,
      final_loss: opts.summary.finalLoss,
      best_eval_loss: opts.summary.bestEvalLoss ?? undefined,
      seed: spec.seed,
      system_prompt: spec.system_prompt,
    },
    files: files.map((f) => {
      const bytes = readFileSync(join(tmp, f.name));
      return { path: f.name, sha256: sha256Of(bytes), size_bytes: bytes.length };
    }),
  };
  writeFileSync(join(tmp, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  rmSync(finalDir, { recursive: true, force: true });
  renameSync(tmp, finalDir);
  for (const f of files) {
    emitter.emit(
      artifact(join(finalDir, f.name), f.kind, f.format, f.gguf_type ? { gguf_type: f.gguf_type } : {}),
    );
  }
  emitter.emit(artifact(join(finalDir, "manifest.json"), "manifest", "json"));
}
