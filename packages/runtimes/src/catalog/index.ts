import type { TrainerRuntimeDescriptor } from "@infera/core";
import { gpuTrainerRuntimes } from "./gpu-runtimes.js";
import { referenceRuntime } from "./reference-runtime.js";

export { gpuTrainerRuntimes } from "./gpu-runtimes.js";
export { INFERA_TRAIN_BIN, referenceRuntime } from "./reference-runtime.js";

/** Every trainer runtime, in the order a refusal suggests them: the runnable reference first. */
export const trainerRuntimes: readonly TrainerRuntimeDescriptor[] = [referenceRuntime, ...gpuTrainerRuntimes];
