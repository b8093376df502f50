import type { LlamaConfig } from "../model/config.js";
import { type LoraSpec, loraNames } from "../model/weights.js";
import type { NamedTensor } from "./safetensors.js";

/** W' = W + (alpha / rank) · B · A for every adapted matrix; other tensors are copied unchanged. */
export function mergeLora(
  config: LlamaConfig,
  base: Record<string, NamedTensor>,
  spec: LoraSpec,
  lora: Record<string, NamedTensor>,
): Record<string, NamedTensor> {
  const out: Record<string, NamedTensor> = {};
  for (const [k, v] of Object.entries(base)) out[k] = { shape: [...v.shape], data: new Float32Array(v.data) };
  const scale = spec.alpha / spec.rank;
  for (let i = 0; i < config.nLayers; i++) {
    for (const m of spec.targetModules) {
      const name = `blk.${i}.${m}.weight`;
      const w = out[name];
      const { a: an, b: bn } = loraNames(i, m);
      const a = lora[an];
      const b = lora[bn];
      if (!w || !a || !b) throw new Error(`cannot merge ${name}: base or adapter tensor missing`);
      const [outDim, inDim] = w.shape as [number, number];
      const r = a.shape[0]!;
      if (a.shape[1] !== inDim || b.shape[0] !== outDim || b.shape[1] !== r) {
        throw new Error(`adapter shapes for ${name} do not match the base`);
      }
      for (let o = 0; o < outDim; o++) {
        for (let k = 0; k < r; k++) {
          const bv = scale * b.data[o * r + k]!;
          if (bv === 0) continue;
          const row = o * inDim;
          const arow = k * inDim;
          for (let j = 0; j < inDim; j++) w.data[row + j]! += bv * a.data[arow + j]!;
        }
      }
    }
  }
  return out;
}
