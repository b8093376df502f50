import type { TrainerRuntimeDescriptor } from "@infera/core";

/**
 * The Python GPU runtimes of the architecture (ARCHITECTURE.md, "Planes"), declared by what they can
 * do so that a job the reference runtime refuses can be pointed at one. Not runnable from this
 * installation yet: they need a Python environment with CUDA, and their stdout reaches the protocol
 * through the parser's Hugging Face Trainer, LLaMA-Factory and ms-swift mappings.
 */
export const gpuTrainerRuntimes: readonly TrainerRuntimeDescriptor[] = [
  {
    name: "hf-peft",
    description: "Hugging Face Transformers + PEFT + TRL on NVIDIA GPUs",
    capabilities: {
      stages: ["sft", "pretrain", "dpo", "kto", "orpo", "rm", "ppo", "grpo"],
      methods: ["lora", "qlora", "full"],
      precisions: ["fp32", "fp16", "bf16"],
      gpus: true,
      ddp: true,
      artifacts: ["adapter", "merged", "full"],
    },
  },
  {
    name: "ms-swift",
    description: "ModelScope ms-swift on NVIDIA GPUs",
    capabilities: {
      stages: ["sft", "pretrain", "dpo", "kto", "orpo", "rm", "ppo", "grpo"],
      methods: ["lora", "qlora", "full", "freeze"],
      precisions: ["fp32", "fp16", "bf16"],
      gpus: true,
      ddp: true,
      artifacts: ["adapter", "merged", "full"],
    },
  },
  {
    name: "llama-factory",
    description: "LLaMA-Factory on NVIDIA GPUs",
    capabilities: {
      stages: ["sft", "pretrain", "dpo", "kto", "orpo", "rm", "ppo"],
      methods: ["lora", "qlora", "full", "freeze"],
      precisions: ["fp32", "fp16", "bf16"],
      gpus: true,
      ddp: true,
      artifacts: ["adapter", "merged", "full"],
    },
  },
];
