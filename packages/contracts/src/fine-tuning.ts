import { z } from "zod";
import { freeText, lineField, nameField, Timestamp } from "./common.js";
import { MetricConfig } from "./evaluations.js";
import { idSchema } from "./ids.js";
import { ArtifactType, TagName, TrainingMetrics } from "./models.js";
import { FailureReason, LORA_TARGET_MODULES } from "./runtime-protocol.js";

/**
 * Fine-tuning jobs (seed 004 FR1–FR37, seed 000 §4.3.5). The configuration a user submits is
 * `FineTuneJobConfig`; its ranges and defaults are those of the runtime protocol's `TrainJobSpec`
 * (what the trainer receives), so a job that passes here is a spec a runtime accepts.
 */

/** A job's life: a table of allowed moves in core (`fine-tuning/job-state-machine.ts`). */
export const FineTuneJobStatus = z.enum([
  "queued",
  "starting",
  "running",
  "canceling",
  "succeeded",
  "failed",
  "canceled",
]);
export type FineTuneJobStatus = z.infer<typeof FineTuneJobStatus>;
/** States a job never leaves by itself (retry moves failed and canceled back to queued). */
export const FINISHED_JOB_STATUSES = ["succeeded", "failed", "canceled"] as const;

export const TrainingStage = z.enum(["sft", "pretrain"]);
export type TrainingStage = z.infer<typeof TrainingStage>;
export const TrainingMethod = z.enum(["lora", "full"]);
export type TrainingMethod = z.infer<typeof TrainingMethod>;
export const TrainingPrecision = z.enum(["fp32", "bf16", "fp16"]);
export type TrainingPrecision = z.infer<typeof TrainingPrecision>;

/** Why a job failed: the runtime's classified reasons, plus what the platform itself detects. */
export const JobFailureReason = z.enum([...FailureReason.options, "node_lost", "budget_exceeded"]);
export type JobFailureReason = z.infer<typeof JobFailureReason>;

/** Lower-case names of runtimes, resource classes and chat templates. */
const catalogName = (what: string) =>
  z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9._-]{0,62}$/,
      `must be a ${what} name: 1–63 lower-case letters, digits, '.', '_' or '-'`,
    );
export const ResourceClassName = catalogName("resource class");
const Currency = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD or CNY");

/** The base model: a model and a tag (resolved at submission; the version id is stored), or a version. */
export const BaseModelRef = z
  .object({
    model_id: idSchema("model").optional(),
    /** With `model_id`; `latest` when left out. */
    tag: TagName.optional(),
    version_id: idSchema("modelVersion").optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.model_id === undefined) === (v.version_id === undefined))
      ctx.addIssue({ code: "custom", message: "give model_id (with an optional tag) or version_id" });
    if (v.tag !== undefined && v.model_id === undefined)
      ctx.addIssue({ code: "custom", path: ["tag"], message: "tag goes with model_id" });
  })
  .describe("`{model_id, tag?}` (tag defaults to latest) or `{version_id}`");
export type BaseModelRef = z.infer<typeof BaseModelRef>;

export const LoraConfig = z
  .object({
    rank: z.number().int().min(1).max(1024).default(8),
    alpha: z.number().positive().max(4096).default(16),
    dropout: z.number().min(0).lt(1).default(0),
    target_modules: z.array(z.enum(LORA_TARGET_MODULES)).min(1).max(7).default(["attn_q", "attn_v"]),
  })
  .strict();
export type LoraConfig = z.infer<typeof LoraConfig>;

export const JobBudget = z
  .object({
    /** Stop (with a checkpoint) once the job has used this many GPU-hours. */
    gpu_hours: z.number().positive().max(1_000_000).optional(),
    /** Or once its cost at the resource class's hourly price reaches this amount. */
    amount: z.number().positive().max(1_000_000_000).optional(),
    currency: Currency.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.gpu_hours === undefined) === (v.amount === undefined))
      ctx.addIssue({ code: "custom", message: "give gpu_hours, or amount with currency" });
    if (v.amount !== undefined && v.currency === undefined)
      ctx.addIssue({ code: "custom", path: ["currency"], message: "amount needs a currency" });
    if (v.currency !== undefined && v.amount === undefined)
      ctx.addIssue({ code: "custom", path: ["currency"], message: "currency goes with amount" });
  });
export type JobBudget = z.infer<typeof JobBudget>;

export const JobOutput = z
  .object({
    /** A new model of the job's project, created when the job succeeds. */
    model_name: nameField(1, 128).optional(),
    /** Or a model of the job's project that gets a new version. */
    model_id: idSchema("model").optional(),
    /** Default: `adapter` for LoRA, `full` for full fine-tuning. */
    artifact_type: ArtifactType.optional(),
    /** Move the output model's `latest` tag to the new version. */
    move_latest: z.boolean().default(true),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.model_name === undefined) === (v.model_id === undefined))
      ctx.addIssue({ code: "custom", message: "give model_name (a new model) or model_id (a new version)" });
  });
export type JobOutput = z.infer<typeof JobOutput>;

/**
 * Every setting of a job, without defaults: what a clone may override. `FineTuneJobConfig` adds the
 * defaults; both share these ranges.
 */
/**
 * An evaluation run started when the job succeeds, on the new version: a `gate` run (against the
 * model's prod version, by the project's gate rules — its verdict can open the prod tag) or an
 * `automatic` one. The dataset version must be one of the job's project.
 */
export const JobEvaluation = z
  .object({
    dataset_version_id: idSchema("datasetVersion"),
    gate: z.boolean().default(false),
    /** Default: exact match. */
    metrics: z.array(MetricConfig).min(1).max(20).optional(),
  })
  .strict();
export type JobEvaluation = z.infer<typeof JobEvaluation>;

const settings = {
  /** Shown in lists; optional (seed 000 §4.3.5). */
  name: nameField(1, 128),
  base_model: BaseModelRef,
  dataset_version_id: idSchema("datasetVersion"),
  /** Share of the training rows held out for evaluation (0: none); default 0.1 without a validation version. */
  validation_split: z.number().min(0).lt(1),
  /** A separate validation version of the job's project, instead of a split. */
  validation_dataset_version_id: idSchema("datasetVersion"),
  /** A chat template name; the base model's own template when left out. */
  chat_template: catalogName("chat template"),
  /** Used for chat records that carry no system message. */
  system_prompt: freeText(8000),
  /** Tokens per record; longer records are truncated. */
  max_length: z.number().int().min(8).max(1_048_576),
  stage: TrainingStage,
  method: TrainingMethod,
  /** Used when `method` is `lora`. */
  lora: LoraConfig,
  epochs: z.number().positive().max(1000),
  batch_size: z.number().int().min(1).max(4096),
  learning_rate: z.number().min(1e-8).max(1),
  gradient_accumulation_steps: z.number().int().min(1).max(1024),
  /** Give at most one of warmup_ratio and warmup_steps. */
  warmup_ratio: z.number().min(0).max(1),
  warmup_steps: z.number().int().min(0).max(10_000_000),
  weight_decay: z.number().min(0).max(10),
  seed: z.number().int().min(0).max(2_147_483_647),
  precision: TrainingPrecision,
  /** The trainer runtime; it must support the stage, method, precision, GPUs and DDP asked for. */
  runtime: catalogName("runtime"),
  /** An admin-defined resource class (`GET /fine-tuning/resource-classes`). */
  resource_class: ResourceClassName,
  gpu_count: z.number().int().min(0).max(64),
  /** Distributed data parallel over the GPUs (needs at least 2). */
  ddp: z.boolean(),
  checkpoint_interval_minutes: z.number().positive().max(1440),
  budget: JobBudget,
  output: JobOutput,
  /** Higher runs first; first come, first served inside a priority. */
  priority: z.number().int().min(-100).max(100),
  /** Evaluate the version the job produces, in the transaction that records it (issue 13). */
  evaluation: JobEvaluation,
};

export const FINE_TUNE_DEFAULTS = {
  validation_split: 0.1,
  max_length: 256,
  stage: "sft",
  method: "lora",
  epochs: 1,
  batch_size: 8,
  learning_rate: 1e-3,
  gradient_accumulation_steps: 1,
  weight_decay: 0,
  seed: 42,
  precision: "fp32",
  runtime: "reference",
  resource_class: "cpu-2",
  gpu_count: 0,
  ddp: false,
  checkpoint_interval_minutes: 10,
  priority: 0,
} as const;

type Config = {
  [K in keyof typeof settings]?: z.infer<(typeof settings)[K]>;
};

/** Rules across fields, shared by the config and a clone's merged config. */
function checkConfig(v: Config, ctx: z.RefinementCtx) {
  if (v.validation_split !== undefined && v.validation_dataset_version_id !== undefined)
    ctx.addIssue({
      code: "custom",
      path: ["validation_split"],
      message: "give validation_split or validation_dataset_version_id, not both",
    });
  if (v.warmup_ratio !== undefined && v.warmup_steps !== undefined)
    ctx.addIssue({
      code: "custom",
      path: ["warmup_steps"],
      message: "give warmup_ratio or warmup_steps, not both",
    });
  if (v.ddp && (v.gpu_count ?? 0) < 2)
    ctx.addIssue({ code: "custom", path: ["ddp"], message: "ddp needs gpu_count of at least 2" });
  const artifact = v.output?.artifact_type;
  if (artifact && v.method === "full" && artifact !== "full")
    ctx.addIssue({
      code: "custom",
      path: ["output", "artifact_type"],
      message: "full fine-tuning produces full weights: artifact_type must be full",
    });
  if (artifact && (v.method ?? "lora") === "lora" && artifact === "full")
    ctx.addIssue({
      code: "custom",
      path: ["output", "artifact_type"],
      message: "LoRA produces an adapter: artifact_type must be adapter or merged",
    });
}

/**
 * What a job is created from (and what `GET …/config` exports): base model, dataset version and
 * output are required, everything else has a default.
 */
export const FineTuneJobConfig = z
  .object({
    name: settings.name.optional(),
    base_model: settings.base_model,
    dataset_version_id: settings.dataset_version_id,
    validation_split: settings.validation_split.optional(),
    validation_dataset_version_id: settings.validation_dataset_version_id.optional(),
    chat_template: settings.chat_template.optional(),
    system_prompt: settings.system_prompt.optional(),
    max_length: settings.max_length.default(FINE_TUNE_DEFAULTS.max_length),
    stage: settings.stage.default(FINE_TUNE_DEFAULTS.stage),
    method: settings.method.default(FINE_TUNE_DEFAULTS.method),
    lora: settings.lora.prefault({}),
    epochs: settings.epochs.default(FINE_TUNE_DEFAULTS.epochs),
    batch_size: settings.batch_size.default(FINE_TUNE_DEFAULTS.batch_size),
    learning_rate: settings.learning_rate.default(FINE_TUNE_DEFAULTS.learning_rate),
    gradient_accumulation_steps: settings.gradient_accumulation_steps.default(
      FINE_TUNE_DEFAULTS.gradient_accumulation_steps,
    ),
    warmup_ratio: settings.warmup_ratio.optional(),
    warmup_steps: settings.warmup_steps.optional(),
    weight_decay: settings.weight_decay.default(FINE_TUNE_DEFAULTS.weight_decay),
    seed: settings.seed.default(FINE_TUNE_DEFAULTS.seed),
    precision: settings.precision.default(FINE_TUNE_DEFAULTS.precision),
    runtime: settings.runtime.default(FINE_TUNE_DEFAULTS.runtime),
    resource_class: settings.resource_class.default(FINE_TUNE_DEFAULTS.resource_class),
    gpu_count: settings.gpu_count.default(FINE_TUNE_DEFAULTS.gpu_count),
    ddp: settings.ddp.default(FINE_TUNE_DEFAULTS.ddp),
    checkpoint_interval_minutes: settings.checkpoint_interval_minutes.default(
      FINE_TUNE_DEFAULTS.checkpoint_interval_minutes,
    ),
    budget: settings.budget.optional(),
    output: settings.output,
    priority: settings.priority.default(FINE_TUNE_DEFAULTS.priority),
    evaluation: settings.evaluation.optional(),
  })
  .strict()
  .superRefine(checkConfig);
export type FineTuneJobConfig = z.infer<typeof FineTuneJobConfig>;
export type FineTuneJobConfigInput = z.input<typeof FineTuneJobConfig>;

/**
 * A clone: the source job's configuration with these fields replaced (a nested object such as
 * `lora` or `output` replaces the source's whole object). Tags are resolved again.
 */
export const CloneFineTuneJobInput = z
  .object(
    Object.fromEntries(Object.entries(settings).map(([k, s]) => [k, s.optional()])) as {
      [K in keyof typeof settings]: z.ZodOptional<(typeof settings)[K]>;
    },
  )
  .strict();
export type CloneFineTuneJobInput = z.infer<typeof CloneFineTuneJobInput>;

/** Fields a submission may not leave out unless a template gives them. */
const REQUIRED_SETTINGS = ["base_model", "dataset_version_id", "output"] as const;

/**
 * A saved job configuration (a template): the create body less the job's `name`, kept as given (no
 * defaults filled in, so settings it leaves out still take the base model's recommendation when a job
 * is created from it). Same ranges and cross-field rules as `FineTuneJobConfig`.
 */
export const FineTuneTemplateConfig = z
  .object(
    Object.fromEntries(
      Object.entries(settings)
        .filter(([k]) => k !== "name")
        .map(([k, s]) => [k, (REQUIRED_SETTINGS as readonly string[]).includes(k) ? s : s.optional()]),
    ) as {
      [K in Exclude<keyof typeof settings, "name" | (typeof REQUIRED_SETTINGS)[number]>]: z.ZodOptional<
        (typeof settings)[K]
      >;
    } & { [K in (typeof REQUIRED_SETTINGS)[number]]: (typeof settings)[K] },
  )
  .strict()
  .superRefine(checkConfig)
  .describe("A job configuration without `name`, as `POST …/fine-tuning/jobs` takes it");
export type FineTuneTemplateConfig = z.infer<typeof FineTuneTemplateConfig>;

/**
 * What `POST …/fine-tuning/jobs` takes: a `FineTuneJobConfig`, or a `template_id` whose configuration
 * is the base and this body's fields override it (merge rules: core's `merge-template-config.ts`).
 * Without a template the required fields of `FineTuneJobConfig` are required here too.
 */
export const CreateFineTuneJobInput = z
  .object({
    ...CloneFineTuneJobInput.shape,
    /** A template of the job's project; another project's or tenant's answers 404. */
    template_id: idSchema("fineTuneTemplate").optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    // With a template, the merged configuration is what is checked (in core): the body alone is partial.
    if (v.template_id !== undefined) return;
    checkConfig(v, ctx);
    for (const key of REQUIRED_SETTINGS)
      if (v[key] === undefined)
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `${key} is required (or give a template_id whose configuration has it)`,
        });
  });
export type CreateFineTuneJobInput = z.infer<typeof CreateFineTuneJobInput>;

export const JobFailure = z.object({
  reason: JobFailureReason,
  message: z.string(),
  /** What to change so the next run succeeds (null when there is nothing to suggest). */
  suggestion: z.string().nullable(),
  /**
   * "Fix and clone": the settings to change for a mechanical remedy (out of memory: half the batch,
   * twice the accumulation; diverged: a lower learning rate, a warmup), to pass to clone after the
   * user reviewed them. Null when the failure needs a person (bad data, a bug).
   */
  fix: z
    .object({
      patch: z.record(z.string(), z.unknown()),
      changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
    })
    .nullable()
    .optional(),
});
export type JobFailure = z.infer<typeof JobFailure>;

export const JobTransition = z.object({
  /** 1, 2, 3… per job. */
  seq: z.number().int(),
  /** null for the job's creation. */
  from: FineTuneJobStatus.nullable(),
  to: FineTuneJobStatus,
  /** `created`, `cloned`, `canceled`, `retried`, or what the scheduler and worker say. */
  reason: z.string(),
  /** The user or service account that caused it; null for the platform itself. */
  actor_id: z.string().nullable(),
  at: Timestamp,
});
export type JobTransition = z.infer<typeof JobTransition>;

/** The runtime's latest progress report, kept on the job for lists and the overview. */
export const FineTuneJobProgress = z.object({
  step: z.number().int(),
  total_steps: z.number().int(),
  epoch: z.number(),
  /** The runtime's own estimate of the time left, when it has one. */
  eta_seconds: z.number().nullable(),
  percentage: z.number().optional(),
  /** The training loss at the latest step that reported one. */
  loss: z.number().optional(),
});
export type FineTuneJobProgress = z.infer<typeof FineTuneJobProgress>;

/**
 * Why the last scheduling pass left a queued job waiting: the installation's, the submitter's or the
 * project's limit; no online node has room now (`no_capacity`, also when no node is registered);
 * its resource class is bigger than every node (`no_node_fits`); its class no longer exists.
 */
export const JobWaitReason = z.enum([
  "limit_overall",
  "limit_user",
  "limit_project",
  "no_capacity",
  "no_node_fits",
  "unknown_resource_class",
]);
export type JobWaitReason = z.infer<typeof JobWaitReason>;

export const FineTuneJob = z.object({
  id: z.string(),
  tenant_id: z.string(),
  project_id: z.string(),
  name: z.string().nullable(),
  status: FineTuneJobStatus,
  /** The configuration as submitted, defaults filled in. */
  config: FineTuneJobConfig,
  /** What the configuration resolved to at submission (a tag's version is pinned here). */
  base_model_id: z.string(),
  base_model_version_id: z.string(),
  dataset_id: z.string(),
  dataset_version_id: z.string(),
  validation_dataset_version_id: z.string().nullable(),
  stage: TrainingStage,
  method: TrainingMethod,
  runtime: z.string(),
  resource_class: z.string(),
  gpu_count: z.number().int(),
  priority: z.number().int(),
  output_model_id: z.string().nullable(),
  output_model_name: z.string().nullable(),
  artifact_type: ArtifactType,
  /** The registered model version once the job succeeded. */
  result_model_version_id: z.string().nullable(),
  /** Once it succeeded: the final training loss, and validation loss and perplexity (FR36). */
  final_metrics: TrainingMetrics.nullable(),
  /** Place in the queue and expected wait while queued (null until the scheduler computes them). */
  queue_position: z.number().int().nullable(),
  eta_seconds: z.number().nullable(),
  /** While queued: why the last scheduling pass did not start it (null before the first pass). */
  wait_reason: JobWaitReason.nullable(),
  /** The node its current attempt was placed on (null while queued). */
  node_id: z.string().nullable(),
  failure: JobFailure.nullable(),
  /** While it trains and after: how far it got (null before the runtime reported anything). */
  progress: FineTuneJobProgress.nullable(),
  /** 1 for the first run; retries and resumes after a lost node count up. */
  attempt: z.number().int(),
  /** The template the job was created from (null without one; it may have been deleted since). */
  template_id: z.string().nullable(),
  created_by: z.string().nullable(),
  created_at: Timestamp,
  queued_at: Timestamp.nullable(),
  started_at: Timestamp.nullable(),
  finished_at: Timestamp.nullable(),
  /** When retention removed its checkpoints and log lines (its metrics and timeline stay). */
  workspace_removed_at: Timestamp.nullable(),
  updated_at: Timestamp,
});
export type FineTuneJob = z.infer<typeof FineTuneJob>;

/** One job with its timeline. */
export const FineTuneJobDetail = FineTuneJob.extend({ transitions: z.array(JobTransition) });
export type FineTuneJobDetail = z.infer<typeof FineTuneJobDetail>;

const dateFilter = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), "must be an RFC 3339 timestamp or a date")
  .optional();

export const FineTuneJobListQuery = z.object({
  status: FineTuneJobStatus.optional(),
  method: TrainingMethod.optional(),
  /** A user or service account id, or `me`. */
  created_by: z.string().max(100).optional(),
  created_after: dateFilter,
  created_before: dateFilter,
});
export type FineTuneJobListQuery = z.infer<typeof FineTuneJobListQuery>;

export const FINE_TUNE_EVENT_TYPES = [
  "status",
  "started",
  "estimate",
  "progress",
  "metrics",
  "checkpoint",
  "artifact",
  "log",
  "completed",
  "failed",
] as const;
export const FineTuneJobEventType = z.enum(FINE_TUNE_EVENT_TYPES);
export type FineTuneJobEventType = z.infer<typeof FineTuneJobEventType>;

/**
 * One entry of a job's event log: a protocol event its runtime wrote (docs/runtime-protocol.md), a
 * stderr line as a `log` with `source: "stderr"`, or a `status` change (`from`, `to`, `reason`).
 */
export const FineTuneJobEvent = z.object({
  /** 1, 2, 3… per job, in commit order: the SSE id and what `after` / `Last-Event-ID` resume from. */
  seq: z.number().int(),
  /** The job attempt that wrote it. */
  attempt: z.number().int(),
  type: FineTuneJobEventType,
  at: Timestamp,
  /** The event's fields (the protocol event less `type` and `time`). */
  data: z.record(z.string(), z.unknown()),
});
export type FineTuneJobEvent = z.infer<typeof FineTuneJobEvent>;

const commaTypes = z
  .string()
  .max(200)
  .refine(
    (s) => s.split(",").every((t) => (FINE_TUNE_EVENT_TYPES as readonly string[]).includes(t.trim())),
    `each type must be one of ${FINE_TUNE_EVENT_TYPES.join(", ")}`,
  );

export const FineTuneJobEventsQuery = z.object({
  after: z.coerce.number().int().min(0).optional().describe("only events with a larger seq (default 0)"),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  type: commaTypes.optional().describe("comma-separated event types, e.g. `metrics` or `log,status`"),
  follow: z
    .enum(["true", "false"])
    .optional()
    .describe("event stream only: false sends what there is and ends (default: follow until the job ends)"),
});
export type FineTuneJobEventsQuery = z.infer<typeof FineTuneJobEventsQuery>;

export const FineTuneJobEventList = z.object({
  data: z.array(FineTuneJobEvent),
  /** Pass as `after` for the next page; null when this page reached the end of the log so far. */
  next_after: z.number().int().nullable(),
});
export type FineTuneJobEventList = z.infer<typeof FineTuneJobEventList>;

const metricName = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "a metric name: letters, digits, _ . -");

export const FineTuneJobMetricsQuery = z.object({
  name: z
    .string()
    .max(1000)
    .refine(
      (s) =>
        s
          .split(",")
          .map((n) => n.trim())
          .filter(Boolean)
          .every((n) => metricName.safeParse(n).success),
      "comma-separated metric names (letters, digits, _ . -)",
    )
    .refine((s) => s.split(",").filter((n) => n.trim()).length <= 20, "at most 20 names")
    .optional()
    .describe(
      "comma-separated metric names, e.g. `loss,eval_loss` (a protocol field or a runtime's `extra` one); default: every metric the job reported",
    ),
  from_step: z.coerce.number().int().min(0).optional().describe("only points at this step or later"),
  to_step: z.coerce.number().int().min(0).optional().describe("only points at this step or earlier"),
  max_points: z.coerce
    .number()
    .int()
    .min(4)
    .max(10_000)
    .default(1000)
    .describe("at most this many points per series (default 1000); longer series are downsampled"),
});
export type FineTuneJobMetricsQuery = z.infer<typeof FineTuneJobMetricsQuery>;

export const FineTuneJobMetricPoint = z.object({
  step: z.number().int(),
  value: z.number(),
  /** When the runtime reported it. */
  time: Timestamp,
});

export const FineTuneJobMetrics = z.object({
  /** One per name asked for (or reported), in that order; points by step. */
  series: z.array(z.object({ name: z.string(), points: z.array(FineTuneJobMetricPoint) })),
  /**
   * True when a series had more points than `max_points`: it was cut into buckets and each kept
   * its first, last, lowest and highest point, so the curve's shape and spikes survive.
   */
  downsampled: z.boolean(),
});
export type FineTuneJobMetrics = z.infer<typeof FineTuneJobMetrics>;

export const FineTuneJobCheckpoint = z.object({
  /** The checkpoint folder's name (`step-00000060`): what the download route takes. */
  name: z.string(),
  step: z.number().int(),
  reason: z.enum(["steps", "minutes", "final", "canceled"]).nullable(),
  /** The attempt that wrote it. */
  attempt: z.number().int(),
  time: Timestamp,
  /**
   * Whether it can still be downloaded: its copy is in the blob store, or its folder is still in
   * the job's workspace on this node (the runtime keeps only the last few, `checkpoint.keep_last`).
   * Retention removes both.
   */
  available: z.boolean(),
  /**
   * Whether its copy is in the blob store: any node can resume the job from it, and it downloads
   * without the workspace. False while the copy is being made, and for one the runtime pruned first.
   */
  stored: z.boolean(),
});
export type FineTuneJobCheckpoint = z.infer<typeof FineTuneJobCheckpoint>;

export const FineTuneJobCheckpointList = z.object({ data: z.array(FineTuneJobCheckpoint) });
export type FineTuneJobCheckpointList = z.infer<typeof FineTuneJobCheckpointList>;

export const FineTuneJobArtifacts = z.object({
  /** The model the job registers its output in, and the version it registered (null until it succeeded). */
  output_model_id: z.string().nullable(),
  model_version_id: z.string().nullable(),
  files: z.array(
    z.object({
      path: z.string(),
      size_bytes: z.number().int(),
      sha256: z.string(),
      kind: z.string(),
      /** The model-version file download route (`GET /api/v1/model-versions/{id}/files/{path}`). */
      download_url: z.string(),
    }),
  ),
});
export type FineTuneJobArtifacts = z.infer<typeof FineTuneJobArtifacts>;

/** What a dry run of a submission answers: everything create would resolve, and what to expect. */
/** One resource class against a job's estimated memory. */
export const FineTuneMemoryFit = z.object({
  resource_class: z.string(),
  estimated_bytes: z.number().int(),
  /** GPU memory × GPU count for a class with GPUs, else the class's memory. */
  available_bytes: z.number().int(),
  /** `tight`: above 80 % of what is available (the estimate is rough; frameworks need headroom). */
  verdict: z.enum(["fits", "tight", "will_not_fit"]),
});
export type FineTuneMemoryFit = z.infer<typeof FineTuneMemoryFit>;

/**
 * Something that will not stop the job but deserves a look. `code` is stable; the other fields
 * name what is wrong (e.g. `tokenizer_mismatch` carries both tokenizers and `differences`).
 */
export const FineTuneJobWarning = z.object({ code: z.string(), message: z.string() }).catchall(z.unknown());
export type FineTuneJobWarning = z.infer<typeof FineTuneJobWarning>;

export const FineTuneJobValidation = z.object({
  /** The configuration as create would store it: defaults and the base model's recommendations filled in. */
  config: FineTuneJobConfig,
  resolved: z.object({
    base_model_id: z.string(),
    base_model_version_id: z.string(),
    dataset_id: z.string(),
    dataset_version_id: z.string(),
    validation_dataset_version_id: z.string().nullable(),
    output_model_id: z.string().nullable(),
    output_model_name: z.string().nullable(),
  }),
  estimate: z.object({
    train_records: z.number().int(),
    /** Held out by `validation_split`, or the validation version's records. */
    validation_records: z.number().int(),
    steps_per_epoch: z.number().int(),
    total_steps: z.number().int(),
    /** Tokens the training records hold per epoch (null when the version has no token statistics). */
    tokens_per_epoch: z.number().int().nullable(),
    /**
     * From the seconds per step of the last jobs that succeeded on this runtime and resource class
     * (null until one has): a rough guide, not a promise.
     */
    duration_seconds: z.number().nullable(),
    /**
     * Device-hours the duration holds: `duration_seconds` / 3600 × gpu_count, a CPU job counting one
     * device as its budget does (null when the duration is unknown).
     */
    gpu_hours: z.number().nullable(),
    /**
     * The class's hourly price over the spread of the measured pace: `low` from the 10th percentile
     * of the seconds per step of the jobs the duration comes from, `high` from the 90th; from a
     * single job, 0.75× to 1.5× its pace (one run says little about the spread). Null when the
     * duration is unknown.
     */
    cost: z.object({ low: z.number(), high: z.number(), currency: z.string() }).nullable(),
    /** How many finished jobs the duration comes from. */
    based_on_jobs: z.number().int(),
    /**
     * What training would hold in memory on every enabled resource class (see the guide for the
     * formula), from the base version's parameter count; empty when its headers give none.
     */
    memory: z.array(FineTuneMemoryFit),
  }),
  /** Things that will not stop the job but deserve a look (truncation, a tiny dataset, few steps). */
  warnings: z.array(FineTuneJobWarning),
});
export type FineTuneJobValidation = z.infer<typeof FineTuneJobValidation>;

/** An admin-defined size of machine a job runs on, with its price for estimates. */
export const ResourceClass = z.object({
  name: z.string(),
  display_name: z.string(),
  cpus: z.number().int(),
  memory_bytes: z.number().int(),
  gpu_model: z.string().nullable(),
  gpu_count: z.number().int(),
  gpu_memory_bytes: z.number().int().nullable(),
  hourly_price: z.number(),
  currency: z.string(),
  /** Disabled classes stay on the jobs that used them but take no new jobs. */
  enabled: z.boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type ResourceClass = z.infer<typeof ResourceClass>;

const classFields = {
  display_name: lineField(100, { trim: true }),
  cpus: z.number().int().min(1).max(1024),
  memory_bytes: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  gpu_model: lineField(100, { trim: true }).nullable(),
  gpu_count: z.number().int().min(0).max(64),
  gpu_memory_bytes: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).nullable(),
  hourly_price: z.number().min(0).max(1_000_000),
  currency: Currency,
  enabled: z.boolean(),
};

function checkGpus(v: { gpu_count?: number; gpu_model?: string | null }, ctx: z.RefinementCtx) {
  if (v.gpu_count !== undefined && v.gpu_count > 0 && !v.gpu_model)
    ctx.addIssue({ code: "custom", path: ["gpu_model"], message: "a class with GPUs names their model" });
}

export const CreateResourceClassInput = z
  .object({
    name: ResourceClassName,
    display_name: classFields.display_name.optional(),
    cpus: classFields.cpus,
    memory_bytes: classFields.memory_bytes,
    gpu_model: classFields.gpu_model.default(null),
    gpu_count: classFields.gpu_count.default(0),
    gpu_memory_bytes: classFields.gpu_memory_bytes.default(null),
    hourly_price: classFields.hourly_price.default(0),
    currency: classFields.currency.default("USD"),
    enabled: classFields.enabled.default(true),
  })
  .strict()
  .superRefine(checkGpus);
export type CreateResourceClassInput = z.infer<typeof CreateResourceClassInput>;

/** Omitted fields stay as they are; the name never changes (jobs record it). */
export const UpdateResourceClassInput = z
  .object(
    Object.fromEntries(Object.entries(classFields).map(([k, s]) => [k, s.optional()])) as {
      [K in keyof typeof classFields]: z.ZodOptional<(typeof classFields)[K]>;
    },
  )
  .strict();
export type UpdateResourceClassInput = z.infer<typeof UpdateResourceClassInput>;
