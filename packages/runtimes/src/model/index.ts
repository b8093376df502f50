export { initBackend } from "./backend.js";
export { countParams, headDim, type LlamaConfig, validateConfig } from "./config.js";
export { type ForwardOptions, forward, greedyGenerate } from "./forward.js";
export { embed, linear, mm, mmFrozenB, rmsNorm } from "./ops.js";
export {
  configOf,
  disposeWeights,
  initLora,
  initWeights,
  type LlamaWeights,
  LORA_TARGET_MODULES,
  type LoraSpec,
  type LoraWeights,
  loraNames,
  moduleShape,
  validateLoraSpec,
  weightShapes,
  withConfig,
} from "./weights.js";
