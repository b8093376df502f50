import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { encodeBaseGguf, encodeLoraGguf } from "../formats/export-gguf.js";
import { toNamedTensors } from "../formats/tensors.js";
import type { BaseModel } from "./base-model.js";
import type { TrainModel } from "./step.js";

/**
 * GGUF of the run, F32 so llama.cpp reproduces our forward pass: the adapter in llama.cpp's LoRA
 * format (adapter.gguf, loaded over the base GGUF), or the whole fine-tuned model (model.gguf).
 */
export async function exportGguf(opts: {
  dir: string;
  base: BaseModel;
  model: TrainModel;
  method: "full" | "lora";
}): Promise<{ path: string; type: string }> {
  const { base, model } = opts;
  if (opts.method === "lora" && model.lora) {
    const path = join(opts.dir, "adapter.gguf");
    writeFileSync(path, encodeLoraGguf(base.config, model.lora.spec, toNamedTensors(model.lora.weights)));
    return { path, type: "F32" };
  }
  const path = join(opts.dir, "model.gguf");
  writeFileSync(
    path,
    encodeBaseGguf(base.config, base.rawTokenizer, toNamedTensors(model.trainable), { fileType: "F32" }),
  );
  return { path, type: "F32" };
}
