import type { BaseModel } from "./base-model.js";
import type { TrainModel } from "./step.js";

/** GGUF of the run: the adapter in llama.cpp's LoRA format, or the full model (F32). */
export async function exportGguf(_opts: {
  dir: string;
  base: BaseModel;
  model: TrainModel;
  method: "full" | "lora";
}): Promise<{ path: string; type: string }> {
  throw new Error("GGUF export is not wired yet");
}
