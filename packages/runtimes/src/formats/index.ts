export { type BaseFileType, baseMetadata, encodeBaseGguf, encodeLoraGguf } from "./export-gguf.js";
export { fromHalf, toHalf } from "./fp16.js";
export {
  decodeGguf,
  encodeGguf,
  type GgmlTypeName,
  type GgufFile,
  type GgufTensorIn,
  type GgufTensorOut,
  type GgufValue,
  readGguf,
  writeGguf,
} from "./gguf.js";
export { mergeLora } from "./merge-lora.js";
export {
  INFERA_TINY_DIR,
  loadModel,
  MODEL_FILES,
  type ModelDir,
  readModelDir,
  writeModelDir,
} from "./model-dir.js";
export { dequantizeQ8_0, quantizeQ8_0 } from "./q8-0.js";
export {
  decodeSafetensors,
  encodeSafetensors,
  type NamedTensor,
  readSafetensors,
  writeSafetensors,
} from "./safetensors.js";
export { toNamedTensors, weightsFromNamedTensors } from "./tensors.js";
