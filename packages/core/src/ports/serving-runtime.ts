/**
 * Serving runtimes: what runs a model revision's replicas. A process runtime (`llama.cpp`) is a
 * program the replica manager starts once per replica, on a loopback port, speaking the OpenAI API
 * (docs/serving-runtime.md); an upstream runtime (`openai-compatible`) is a base URL someone else
 * runs, checked by a probe. Kinds this installation cannot run are still listed, with the reason, so
 * the console can show them greyed out. Descriptors live with the runtimes
 * (@infera/runtimes/serving); core only reads them.
 */

export type ServingRuntimeKind = "llama.cpp" | "openai-compatible" | "vllm" | "tgi" | "triton" | "hf";

export type ServingModelFormat = "gguf" | "safetensors" | "external";

export interface ServingRuntimeDescriptor {
  kind: ServingRuntimeKind;
  /** One line for people choosing a runtime. */
  description: string;
  formats: readonly ServingModelFormat[];
  /** Applies a LoRA adapter of a fine-tuned version on its base at load time. */
  loraAdapters: boolean;
  /** `none`: CPU only; `optional`: offloads to GPUs when the node has them; `required`. */
  gpus: "none" | "optional" | "required";
  /** Whether this installation can run it; when not, `unavailableReason` says why. */
  runnable: boolean;
  unavailableReason?: string;
}

/** What one replica of a process runtime is started with (from the revision's parameters). */
export interface ReplicaSpec {
  modelPath: string;
  /** Adapter files applied on the base, in order (scale 1 unless given). */
  loras?: readonly { path: string; scale?: number }[];
  /** The id `/v1/models` answers and responses carry (the served model's name). */
  modelId?: string;
  /** `0` lets the OS pick; the replica writes the bound port to its ready file. */
  port: number;
  /** The address it listens on: its node's (INFERA_NODE_ADDRESS), so gateways elsewhere reach it; default 127.0.0.1. */
  host?: string;
  contextSize: number;
  threads: number;
  /** Sequences decoded concurrently; further requests wait in the replica's queue. */
  parallel: number;
  /** Written (atomically) with `{port, pid, model, loadMs}` once the replica answers requests. */
  readyFile?: string;
}

/** A runtime whose replicas are child processes of this installation. */
export interface ProcessServingRuntime extends ServingRuntimeDescriptor {
  runnable: true;
  command: string;
  args(spec: ReplicaSpec): string[];
}

/** The answer of an upstream's health probe (`GET {baseUrl}/v1/models`). */
export interface UpstreamHealth {
  ok: boolean;
  /** Model ids the upstream serves. */
  models: string[];
  /** Why it is not healthy: the HTTP status, a timeout, a refused connection, a body that is not a model list. */
  error?: string;
  latencyMs: number;
}

export interface UpstreamProbeInput {
  baseUrl: string;
  apiKey?: string;
  timeoutMs: number;
}
