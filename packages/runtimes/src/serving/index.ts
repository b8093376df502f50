export { ggufFileProblem } from "./check-gguf-file.js";
export { probeOpenAiCompatible } from "./probe-openai-compatible.js";
export { main as replicaMain } from "./replica-main.js";
export { parseReplicaArgs, type ReplicaOptions, UsageError } from "./replica-options.js";
export {
  gpuServingRuntimes,
  INFERA_SERVE_BIN,
  llamaCppRuntime,
  openAiCompatibleRuntime,
  servingRuntimes,
} from "./serving-runtimes.js";
export { type ReplicaProcess, ReplicaStartError, startReplicaProcess } from "./start-replica-process.js";
