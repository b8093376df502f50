import * as tf from "@tensorflow/tfjs";
import type { LlamaConfig } from "../model/config.js";
import { type LlamaWeights, weightShapes, withConfig } from "../model/weights.js";
import type { NamedTensor } from "./safetensors.js";

/** Copies variables out of TF.js into plain arrays keyed by the same names. */
export function toNamedTensors(vars: Record<string, tf.Variable | tf.Tensor>): Record<string, NamedTensor> {
  const out: Record<string, NamedTensor> = {};
  for (const [name, v] of Object.entries(vars))
    out[name] = { shape: [...v.shape], data: v.dataSync() as Float32Array };
  return out;
}

/** Builds model weights from named arrays, checking every tensor of the config is present with its shape. */
export function weightsFromNamedTensors(
  config: LlamaConfig,
  tensors: Record<string, NamedTensor>,
): LlamaWeights {
  const weights: LlamaWeights = {};
  for (const [name, shape] of weightShapes(config)) {
    const t = tensors[name];
    if (!t) throw new Error(`weights are missing tensor ${name}`);
    if (t.shape.join(",") !== shape.join(",")) {
      throw new Error(`tensor ${name} has shape [${t.shape}] but the config needs [${shape}]`);
    }
    const init = tf.tensor(t.data, shape, "float32");
    weights[name] = tf.variable(init, true);
    init.dispose();
  }
  return withConfig(weights, config);
}
