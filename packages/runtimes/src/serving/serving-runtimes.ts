import { fileURLToPath } from "node:url";
import type { ProcessServingRuntime, ServingRuntimeDescriptor } from "@infera/core";

/** `bin/infera-serve.js`: registers tsx and runs the replica in the same process, so SIGTERM reaches it. */
export const INFERA_SERVE_BIN = fileURLToPath(new URL("../../bin/infera-serve.js", import.meta.url));

/** GGUF models and LoRA adapters through node-llama-cpp's prebuilt llama.cpp, one process per replica. */
export const llamaCppRuntime: ProcessServingRuntime = {
  kind: "llama.cpp",
  description:
    "llama.cpp through node-llama-cpp: GGUF models and LoRA adapters, OpenAI API, one process per replica",
  formats: ["gguf"],
  loraAdapters: true,
  // This installation loads the CPU build only (llamacpp/engine.ts); GPU offload comes with the nodes issue.
  gpus: "none",
  runnable: true,
  command: process.execPath,
  args: (spec) => [
    INFERA_SERVE_BIN,
    "--model",
    spec.modelPath,
    ...(spec.loras ?? []).flatMap((l) => ["--lora", l.scale === undefined ? l.path : `${l.path}:${l.scale}`]),
    ...(spec.modelId ? ["--model-id", spec.modelId] : []),
    "--host",
    spec.host ?? "127.0.0.1",
    "--port",
    String(spec.port),
    "--context-size",
    String(spec.contextSize),
    "--threads",
    String(spec.threads),
    "--parallel",
    String(spec.parallel),
    ...(spec.readyFile ? ["--ready-file", spec.readyFile] : []),
  ],
};

/** An endpoint someone else runs; Infera starts nothing and checks it with `probeOpenAiCompatible`. */
export const openAiCompatibleRuntime: ServingRuntimeDescriptor = {
  kind: "openai-compatible",
  description:
    "An external OpenAI-compatible endpoint (vLLM, SGLang, TGI, Ollama, llama-server): no process to manage",
  formats: ["external"],
  loraAdapters: false,
  gpus: "none",
  runnable: true,
};

const NEEDS_GPU_CLUSTER =
  "needs NVIDIA GPUs and a cluster executor (Kubernetes or Slurm), which this installation does not have yet; serve it elsewhere and add it as openai-compatible";

/** The runtimes seed 000 offers that this installation cannot run, with the reason the console shows. */
export const gpuServingRuntimes: readonly ServingRuntimeDescriptor[] = [
  {
    kind: "vllm",
    description: "vLLM: high-throughput serving of safetensors models with paged attention",
    formats: ["safetensors"],
    loraAdapters: true,
    gpus: "required",
    runnable: false,
    unavailableReason: NEEDS_GPU_CLUSTER,
  },
  {
    kind: "tgi",
    description: "Hugging Face Text Generation Inference",
    formats: ["safetensors"],
    loraAdapters: true,
    gpus: "required",
    runnable: false,
    unavailableReason: NEEDS_GPU_CLUSTER,
  },
  {
    kind: "triton",
    description: "NVIDIA Triton Inference Server (TensorRT-LLM backend)",
    formats: ["safetensors"],
    loraAdapters: true,
    gpus: "required",
    runnable: false,
    unavailableReason: NEEDS_GPU_CLUSTER,
  },
  {
    kind: "hf",
    description: "Hugging Face Transformers pipeline in Python",
    formats: ["safetensors"],
    loraAdapters: true,
    gpus: "optional",
    runnable: false,
    unavailableReason:
      "needs a Python environment with Transformers and a cluster executor, which this installation does not have yet",
  },
];

/** Every serving runtime kind, runnable ones first. */
export const servingRuntimes: readonly ServingRuntimeDescriptor[] = [
  llamaCppRuntime,
  openAiCompatibleRuntime,
  ...gpuServingRuntimes,
];
