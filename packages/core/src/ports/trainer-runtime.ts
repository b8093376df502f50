/**
 * Trainer runtimes: programs that read a job spec and speak the runtime protocol on stdout
 * (docs/runtime-protocol.md). Each declares what it can do, so the API refuses a job its runtime
 * cannot run and names one that can (`checkRuntimeSupports`). Descriptors live with the runtimes
 * (@infera/runtimes/catalog); core only reads them.
 */

export type RuntimeStage = "pretrain" | "sft" | "dpo" | "kto" | "orpo" | "rm" | "ppo" | "grpo";
export type RuntimeMethod = "lora" | "qlora" | "full" | "freeze";
export type RuntimePrecision = "fp32" | "fp16" | "bf16";
/** What a finished job can hand over: a LoRA adapter, base + adapter merged, or fully trained weights. */
export type RuntimeArtifact = "adapter" | "merged" | "full";

export interface TrainerCapabilities {
  stages: readonly RuntimeStage[];
  methods: readonly RuntimeMethod[];
  precisions: readonly RuntimePrecision[];
  /** Runs on GPUs (else CPU only: a job asking for GPUs is refused). */
  gpus: boolean;
  /** Data-parallel training over several GPUs. */
  ddp: boolean;
  artifacts: readonly RuntimeArtifact[];
}

/** What a runtime can do; enough to check a job against it, not to run it. */
export interface TrainerRuntimeDescriptor {
  name: string;
  version?: string;
  /** One line for people choosing a runtime. */
  description: string;
  capabilities: TrainerCapabilities;
}

/** A runtime this installation can run: the command an executor starts for a job. */
export interface TrainerRuntime extends TrainerRuntimeDescriptor {
  version: string;
  command: string;
  /**
   * The arguments for a spec file (written by the worker into the job's workspace); `resume`
   * continues from the latest checkpoint in the spec's output directory.
   */
  args(specPath: string, opts: { resume: boolean }): string[];
}
