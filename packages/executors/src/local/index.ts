export { createLocalExecutor, type LocalExecutorOptions } from "./create-local-executor.js";
export { createProcessUsageReader } from "./create-process-usage-reader.js";
export { createReplicaExecutor } from "./create-replica-executor.js";
export { detectNodeResources } from "./detect-node-resources.js";
export { INHERITED_ENV, inheritedEnv } from "./inherited-env.js";
export { parseNvidiaSmiGpus } from "./parse-nvidia-smi.js";
