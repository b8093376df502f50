// `@infera/core/model-files`: the one reader of GGUF and safetensors headers (decision 0012), for the
// server's model registration and the runtimes' readers and writers alike.
export { type ByteSource, bufferByteSource } from "./byte-source.js";
export { GgmlType, GgufValueType, LlamaFileType } from "./gguf-types.js";
export {
  parseSafetensorsHeader,
  type SafetensorsHeader,
  type SafetensorsTensorInfo,
  safetensorsHeaderLength,
} from "./parse-safetensors-header.js";
export {
  type GgufHeader,
  type GgufMetadataValue,
  type GgufScalar,
  type GgufTensorInfo,
  readGgufHeader,
} from "./read-gguf-header.js";
export { readSafetensorsHeader } from "./read-safetensors-header.js";
export { sniffFile } from "./sniff-file.js";
