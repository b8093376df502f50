import { fileURLToPath } from "node:url";
import type { TrainerRuntime } from "@infera/core";
import { RUNTIME_NAME, RUNTIME_VERSION } from "../trainer/runtime-identity.js";

/** `bin/infera-train.js`: registers tsx and runs the trainer in the same process, so signals reach it. */
export const INFERA_TRAIN_BIN = fileURLToPath(new URL("../../bin/infera-train.js", import.meta.url));

/**
 * The bundled CPU trainer (TypeScript, TF.js WASM) for llama-architecture models such as infera-tiny.
 * It runs on the server's own Node binary. `--stop-when-stdin-closes`: an executor keeps stdin open,
 * so when the server dies the trainer checkpoints and exits instead of training on unwatched.
 */
export const referenceRuntime: TrainerRuntime = {
  name: RUNTIME_NAME,
  version: RUNTIME_VERSION,
  description: "Bundled CPU trainer for small llama models (infera-tiny): LoRA and full, fp32, resumable",
  capabilities: {
    stages: ["sft", "pretrain"],
    methods: ["lora", "full"],
    precisions: ["fp32"],
    gpus: false,
    ddp: false,
    artifacts: ["adapter", "merged", "full"],
  },
  command: process.execPath,
  args: (specPath, { resume }) => [
    INFERA_TRAIN_BIN,
    "--spec",
    specPath,
    "--stop-when-stdin-closes",
    ...(resume ? ["--resume-from", "latest"] : []),
  ],
};
