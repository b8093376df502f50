import type { FineTuneJobConfig, TrainJobSpecInput } from "@infera/contracts";

/** Where a run's inputs and outputs are, relative to the spec file in the workspace. */
export interface RunPaths {
  baseDir: string;
  train: string;
  validation?: string;
  outputDir: string;
  /**
   * The memory the run may use (its resource class's). The runtime gets 85% of it as its budget: it
   * refuses a configuration its estimate says will not fit, and stops with `out_of_memory` and a
   * suggestion when its resident memory passes the budget, before the executor has to kill it.
   */
  memoryLimitBytes?: number | null;
}

/**
 * A job's configuration as the runtime's job spec (docs/runtime-protocol.md). The job's checkpoint
 * interval becomes the runtime's; the last two checkpoints are kept (a resume needs one, a
 * checkpoint being written when the run dies must not cost the previous one).
 */
export function trainJobSpecOf(config: FineTuneJobConfig, paths: RunPaths): TrainJobSpecInput {
  const split = !paths.validation && config.validation_split ? config.validation_split : undefined;
  return {
    base_model: paths.baseDir,
    data: {
      train: paths.train,
      ...(paths.validation ? { validation: paths.validation } : {}),
      ...(split ? { validation_split: split } : {}),
    },
    output_dir: paths.outputDir,
    stage: config.stage,
    method: config.method,
    ...(config.method === "lora" ? { lora: config.lora } : {}),
    epochs: config.epochs,
    batch_size: config.batch_size,
    gradient_accumulation_steps: config.gradient_accumulation_steps,
    learning_rate: config.learning_rate,
    ...(config.warmup_steps !== undefined ? { warmup_steps: config.warmup_steps } : {}),
    ...(config.warmup_ratio !== undefined ? { warmup_ratio: config.warmup_ratio } : {}),
    weight_decay: config.weight_decay,
    max_length: config.max_length,
    seed: config.seed,
    precision: config.precision,
    checkpoint: { every_minutes: config.checkpoint_interval_minutes, keep_last: 2 },
    ...(config.system_prompt ? { system_prompt: config.system_prompt } : {}),
    ...(paths.memoryLimitBytes ? { memory_budget_bytes: Math.floor(paths.memoryLimitBytes * 0.85) } : {}),
    export_gguf: true,
  };
}
