import type { SafetensorsMetadata } from "@infera/contracts";
import type { SafetensorsHeader } from "../../model-files/parse-safetensors-header.js";

/** What a model version records of a safetensors file: dtypes, tensor count, parameter count. */
export function summarizeSafetensors(h: SafetensorsHeader): SafetensorsMetadata {
  return {
    dtypes: [...new Set(h.tensors.map((t) => t.dtype))].sort(),
    tensor_count: h.tensors.length,
    parameter_count: h.tensors.reduce((a, t) => a + t.shape.reduce((x, y) => x * y, 1), 0),
  };
}
