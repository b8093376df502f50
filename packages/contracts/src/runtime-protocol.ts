import { z } from "zod";

/**
 * The runtime protocol: what every trainer runtime writes to stdout, one JSON object per line,
 * and the job spec it reads. Documented in docs/runtime-protocol.md; the JSON schema in
 * docs/runtime-protocol.schema.json is generated from these schemas.
 */

export const RUNTIME_PROTOCOL_VERSION = 1;

const time = z.string().describe("ISO 8601 timestamp of the event, UTC");
const step = z.number().int().nonnegative();

export const StartedEvent = z
  .object({
    type: z.literal("started"),
    time,
    protocol_version: z.number().int().positive(),
    runtime: z.string().describe("runtime name, e.g. reference, hf-peft, ms-swift, llama-factory"),
    runtime_version: z.string().optional(),
    stage: z.enum(["pretrain", "sft"]).optional(),
    method: z.enum(["full", "lora"]).optional(),
    total_steps: step.optional(),
    resumed_from_step: step.optional(),
    pid: z.number().int().optional(),
  })
  .describe("The runtime accepted the spec and is starting work");

export const EstimateEvent = z
  .object({
    type: z.literal("estimate"),
    time,
    weights_bytes: z.number().nonnegative(),
    gradients_bytes: z.number().nonnegative(),
    optimizer_bytes: z.number().nonnegative(),
    activations_bytes: z.number().nonnegative(),
    overhead_bytes: z.number().nonnegative(),
    total_bytes: z.number().nonnegative(),
    budget_bytes: z.number().nonnegative().optional(),
    verdict: z.enum(["fits", "tight", "will_not_fit"]),
    summary: z.string().describe("the verdict in plain words"),
  })
  .describe("Memory estimate made before training starts");

export const ProgressEvent = z
  .object({
    type: z.literal("progress"),
    time,
    step,
    total_steps: step,
    epoch: z.number().nonnegative(),
    eta_seconds: z.number().nonnegative().nullable(),
    percentage: z.number().min(0).max(100).optional(),
    elapsed_seconds: z.number().nonnegative().optional(),
  })
  .describe("Optimizer step progress");

export const MetricsEvent = z
  .object({
    type: z.literal("metrics"),
    time,
    step,
    epoch: z.number().nonnegative().optional(),
    loss: z.number().optional().describe("training loss (mean over the step's supervised tokens)"),
    eval_loss: z.number().optional(),
    perplexity: z.number().optional().describe("exp(eval_loss) when eval_loss is present, else exp(loss)"),
    learning_rate: z.number().optional(),
    grad_norm: z.number().optional().describe("global L2 norm of the gradients before clipping"),
    tokens_per_second: z.number().nonnegative().optional(),
    memory_bytes: z.number().nonnegative().optional(),
    truncated_records: z.number().int().nonnegative().optional(),
    extra: z.record(z.string(), z.number()).optional().describe("runtime-specific numeric metrics"),
  })
  .describe("Training or evaluation metrics at a step");

export const CheckpointEvent = z
  .object({
    type: z.literal("checkpoint"),
    time,
    path: z.string(),
    step,
    reason: z.enum(["steps", "minutes", "final", "canceled"]).optional(),
  })
  .describe("A complete checkpoint was written (atomically) and can be resumed from");

export const ArtifactEvent = z
  .object({
    type: z.literal("artifact"),
    time,
    kind: z.enum(["model", "adapter", "manifest", "metrics", "checkpoint", "other"]),
    path: z.string(),
    format: z.enum(["safetensors", "gguf", "json", "other"]),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    size_bytes: z.number().int().nonnegative(),
    gguf_type: z.string().optional().describe("tensor type of a GGUF file (F32, F16, Q8_0)"),
  })
  .describe("An output file the platform should register");

export const LogEvent = z
  .object({
    type: z.literal("log"),
    time,
    level: z.enum(["debug", "info", "warn", "error"]),
    message: z.string(),
    source: z.string().optional().describe("where the line came from when it was not a protocol event"),
  })
  .describe("Human-readable log line");

export const CompletedEvent = z
  .object({
    type: z.literal("completed"),
    time,
    step,
    final_loss: z.number().optional(),
    best_eval_loss: z.number().optional(),
    stopped_early: z.boolean().optional(),
    output_dir: z.string().optional(),
  })
  .describe("The run finished successfully; nothing follows");

export const FailureReason = z.enum([
  "out_of_memory",
  "data_format",
  "tokenizer_mismatch",
  "diverged",
  "canceled",
  "invalid_spec",
  "unsupported",
  "internal",
]);
export type FailureReason = z.infer<typeof FailureReason>;

export const FailedEvent = z
  .object({
    type: z.literal("failed"),
    time,
    reason: FailureReason,
    message: z.string(),
    suggestion: z.string().optional().describe("what the user can change to make the run succeed"),
    step: step.optional(),
  })
  .describe("The run stopped with a classified error; nothing follows");

export const RuntimeEvent = z.discriminatedUnion("type", [
  StartedEvent,
  EstimateEvent,
  ProgressEvent,
  MetricsEvent,
  CheckpointEvent,
  ArtifactEvent,
  LogEvent,
  CompletedEvent,
  FailedEvent,
]);
export type RuntimeEvent = z.infer<typeof RuntimeEvent>;
export type StartedEvent = z.infer<typeof StartedEvent>;
export type EstimateEvent = z.infer<typeof EstimateEvent>;
export type ProgressEvent = z.infer<typeof ProgressEvent>;
export type MetricsEvent = z.infer<typeof MetricsEvent>;
export type CheckpointEvent = z.infer<typeof CheckpointEvent>;
export type ArtifactEvent = z.infer<typeof ArtifactEvent>;
export type LogEvent = z.infer<typeof LogEvent>;
export type CompletedEvent = z.infer<typeof CompletedEvent>;
export type FailedEvent = z.infer<typeof FailedEvent>;

export const LORA_TARGET_MODULES = [
  "attn_q",
  "attn_k",
  "attn_v",
  "attn_output",
  "ffn_gate",
  "ffn_up",
  "ffn_down",
] as const;

/** A fine-tuning job as a trainer runtime receives it (`--spec job.json`). Paths may be relative to the spec file. */
export const TrainJobSpec = z
  .object({
    base_model: z.string().min(1).describe("directory with config.json, tokenizer.json, model.safetensors"),
    tokenizer_sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional()
      .describe("digest of the tokenizer the dataset was prepared for; must equal the base model's"),
    data: z.object({
      train: z.string().min(1).describe("JSONL file"),
      validation: z.string().min(1).optional(),
      validation_split: z.number().gt(0).lt(1).optional().describe("fraction of train held out when no file"),
    }),
    output_dir: z.string().min(1),
    stage: z.enum(["pretrain", "sft"]).default("sft"),
    method: z.enum(["full", "lora"]).default("lora"),
    lora: z
      .object({
        rank: z.number().int().positive().default(8),
        alpha: z.number().positive().default(16),
        dropout: z.number().min(0).lt(1).default(0),
        target_modules: z.array(z.enum(LORA_TARGET_MODULES)).min(1).default(["attn_q", "attn_v"]),
      })
      .prefault({}),
    epochs: z.number().positive().default(1),
    max_steps: z.number().int().positive().optional().describe("optimizer steps; overrides epochs"),
    batch_size: z.number().int().positive().default(8),
    gradient_accumulation_steps: z.number().int().positive().default(1),
    learning_rate: z.number().positive().default(1e-3),
    warmup_steps: z.number().int().nonnegative().optional(),
    warmup_ratio: z.number().min(0).max(1).optional(),
    scheduler: z.enum(["cosine", "linear", "constant"]).default("cosine"),
    weight_decay: z.number().min(0).default(0),
    adam_beta1: z.number().min(0).lt(1).default(0.9),
    adam_beta2: z.number().min(0).lt(1).default(0.999),
    adam_epsilon: z.number().positive().default(1e-8),
    max_grad_norm: z.number().positive().optional().default(1),
    max_length: z.number().int().positive().default(256),
    eval_steps: z.number().int().positive().optional(),
    early_stopping_patience: z
      .number()
      .int()
      .positive()
      .optional()
      .describe("evaluations without improvement"),
    divergence_factor: z
      .number()
      .gt(1)
      .default(4)
      .describe("stop as diverged when the loss exceeds this multiple of the best loss so far"),
    seed: z.number().int().nonnegative().default(42),
    precision: z.enum(["fp32", "bf16", "fp16"]).default("fp32"),
    checkpoint: z
      .object({
        every_steps: z.number().int().positive().optional(),
        every_minutes: z.number().positive().default(10),
        keep_last: z.number().int().positive().default(2),
      })
      .prefault({}),
    resume_from: z.string().optional().describe('a checkpoint directory, or "latest" in output_dir'),
    memory_budget_bytes: z.number().int().positive().optional(),
    system_prompt: z.string().optional().describe("default system prompt for chat records without one"),
    log_every_steps: z.number().int().positive().default(1),
    export_gguf: z.boolean().default(true),
  })
  .describe("Job spec of a trainer runtime");
export type TrainJobSpec = z.infer<typeof TrainJobSpec>;
export type TrainJobSpecInput = z.input<typeof TrainJobSpec>;

/** The JSON schema of the protocol (events and job spec), as checked in at docs/runtime-protocol.schema.json. */
export function runtimeProtocolJsonSchema(): Record<string, unknown> {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "Infera runtime protocol",
    description: `Version ${RUNTIME_PROTOCOL_VERSION}. Each stdout line of a trainer runtime is one RuntimeEvent.`,
    $defs: {
      RuntimeEvent: z.toJSONSchema(RuntimeEvent, { target: "draft-2020-12", unrepresentable: "any" }),
      TrainJobSpec: z.toJSONSchema(TrainJobSpec, {
        target: "draft-2020-12",
        io: "input",
        unrepresentable: "any",
      }),
    },
  };
}
