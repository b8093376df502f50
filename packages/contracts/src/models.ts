import { z } from "zod";
import { freeText, lineField, nameField, refuseUnsafe, Timestamp } from "./common.js";
import { LORA_TARGET_MODULES } from "./runtime-protocol.js";

export const ModelOwnerType = z.enum(["platform", "tenant"]);
export type ModelOwnerType = z.infer<typeof ModelOwnerType>;
/** private: the owning project only; tenant_shared: every project of the tenant; public: everyone (platform models). */
export const ModelVisibility = z.enum(["private", "tenant_shared", "public"]);
export type ModelVisibility = z.infer<typeof ModelVisibility>;
/** Where a model shows up in a project's list: a system model, another project's shared one, or its own. */
export const ModelScope = z.enum(["system", "tenant", "project"]);
export type ModelScope = z.infer<typeof ModelScope>;
export const ArtifactType = z.enum(["full", "adapter", "merged"]);
export type ArtifactType = z.infer<typeof ArtifactType>;
export const ModelFormat = z.enum(["safetensors", "gguf", "bin"]);
export type ModelFormat = z.infer<typeof ModelFormat>;
/** What a file's bytes turned out to be: a weight format, JSON (config, tokenizer) or something else. */
export const ModelFileKind = z.enum(["safetensors", "gguf", "bin", "json", "other"]);
export type ModelFileKind = z.infer<typeof ModelFileKind>;
export const ModelVersionSource = z.enum(["upload", "fine_tune", "system", "import"]);
export type ModelVersionSource = z.infer<typeof ModelVersionSource>;

const Sha256 = z
  .string()
  .regex(/^[0-9a-f]{64}$/, "must be a sha256 digest (64 lower-case hex characters)")
  .describe("sha256 of the bytes");

/**
 * A file's path inside a version: relative, forward slashes, no `.`/`..` segments, no control
 * characters. Checked again in core (it is also the download path).
 */
export const ModelFilePath = z
  .string()
  .min(1)
  .max(512)
  .refine((p) => !p.includes("\\"), "must use forward slashes (no backslash)")
  .refine((p) => !p.startsWith("/") && !/^[a-zA-Z]:/.test(p), "must be relative (no leading / or drive)")
  .refine(
    (p) => p.split("/").every((seg) => seg !== "" && seg !== "." && seg !== ".."),
    "must not contain empty, . or .. segments",
  )
  .refine(
    (p) => ![...p].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f),
    "must not contain control characters",
  )
  .superRefine(refuseUnsafe(false));

export const TagName = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,62}$/,
    "must be 1–63 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit",
  )
  .refine((t) => !t.startsWith("mv_"), "must not look like a version id (mv_…)");

const licenseField = lineField(100, { trim: true });

export const ModelTagPointer = z.object({ tag: z.string(), version_id: z.string() });

/** The newest version in brief, for lists: what the metadata says of size and context. */
export const ModelLatestVersionSummary = z.object({
  id: z.string(),
  artifact_type: ArtifactType,
  format: ModelFormat,
  size: z.number().int(),
  parameter_count: z.number().int().nullable(),
  context_length: z.number().int().nullable(),
  quantization: z.string().nullable(),
  created_at: Timestamp,
});
export type ModelLatestVersionSummary = z.infer<typeof ModelLatestVersionSummary>;

export const Model = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  owner_type: ModelOwnerType,
  /** The tenant id for tenant models, null for platform models. */
  owner_id: z.string().nullable(),
  tenant_id: z.string().nullable(),
  /** The project that created (and manages) a tenant model; null for platform models. */
  project_id: z.string().nullable(),
  visibility: ModelVisibility,
  /** Relative to the project the list was asked for (own models say `project`). */
  scope: ModelScope,
  /** Where the weights come from (free text: a hub id, a URL, "fine-tune of …"). */
  source: z.string(),
  license: z.string(),
  tags: z.array(ModelTagPointer),
  latest_version_id: z.string().nullable(),
  latest_version: ModelLatestVersionSummary.nullable(),
  version_count: z.number().int(),
  created_by: z.string().nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Model = z.infer<typeof Model>;

export const CreateModelInput = z
  .object({
    name: nameField(1, 128),
    description: freeText(2000).default(""),
    visibility: ModelVisibility.default("private"),
    source: lineField(500, { trim: true }).default(""),
    license: licenseField.default(""),
  })
  .strict();
export type CreateModelInput = z.infer<typeof CreateModelInput>;

export const UpdateModelInput = z
  .object({
    name: nameField(1, 128).optional(),
    description: freeText(2000).optional(),
    visibility: ModelVisibility.optional(),
    source: lineField(500, { trim: true }).optional(),
    license: licenseField.optional(),
  })
  .strict();
export type UpdateModelInput = z.infer<typeof UpdateModelInput>;

export const ModelListQuery = z.object({
  scope: ModelScope.optional(),
  visibility: ModelVisibility.optional(),
  /** Models with at least one version from this source. */
  source: ModelVersionSource.optional(),
  license: lineField(100).optional(),
  /** The weight format (`format` itself is the export format of lists). */
  weight_format: ModelFormat.optional(),
  artifact_type: ArtifactType.optional(),
  quantization: lineField(64).optional(),
});
export type ModelListQuery = z.infer<typeof ModelListQuery>;

export const DeleteModelInput = z.object({}).strict();

export const GgufMetadata = z.object({
  version: z.number().int(),
  architecture: z.string().nullable(),
  name: z.string().nullable(),
  parameter_count: z.number().int(),
  tensor_count: z.number().int(),
  context_length: z.number().int().nullable(),
  file_type: z.number().int().nullable(),
  quantization: z.string().nullable(),
  chat_template: z.string().nullable(),
});
export type GgufMetadata = z.infer<typeof GgufMetadata>;

export const SafetensorsMetadata = z.object({
  dtypes: z.array(z.string()),
  tensor_count: z.number().int(),
  parameter_count: z.number().int(),
});
export type SafetensorsMetadata = z.infer<typeof SafetensorsMetadata>;

/** The file in a model version whose fine-tuning settings its jobs start from (see FineTuneRecommendation). */
export const FINE_TUNE_DEFAULTS_FILE = "fine_tune_defaults.json";

/**
 * Fine-tuning settings a model's publisher recommends for it: a job on this base model takes each of
 * them where its submitter gave no value (the platform's defaults fill the rest). A tiny model needs
 * a far higher learning rate than a 7B one; one set of defaults cannot suit both.
 */
export const FineTuneRecommendation = z
  .object({
    epochs: z.number().positive().max(1000).optional(),
    batch_size: z.number().int().min(1).max(4096).optional(),
    learning_rate: z.number().min(1e-8).max(1).optional(),
    gradient_accumulation_steps: z.number().int().min(1).max(1024).optional(),
    warmup_ratio: z.number().min(0).max(1).optional(),
    max_length: z.number().int().min(8).max(1_048_576).optional(),
    lora: z
      .object({
        rank: z.number().int().min(1).max(1024).optional(),
        alpha: z.number().positive().max(4096).optional(),
        dropout: z.number().min(0).lt(1).optional(),
        target_modules: z.array(z.enum(LORA_TARGET_MODULES)).min(1).max(7).optional(),
      })
      .strict()
      .optional(),
    /** Why these values, shown next to them. */
    note: z.string().max(500).optional(),
  })
  .strict();
export type FineTuneRecommendation = z.infer<typeof FineTuneRecommendation>;

/** What the server read from the artifact's own headers (null where it could not tell). */
export const ModelVersionMetadata = z.object({
  architecture: z.string().nullable(),
  parameter_count: z.number().int().nullable(),
  context_length: z.number().int().nullable(),
  quantization: z.string().nullable(),
  chat_template: z.string().nullable(),
  dtypes: z.array(z.string()),
  /** From the version's fine_tune_defaults.json, when it has one (absent on versions before it existed). */
  fine_tune_defaults: FineTuneRecommendation.nullable().optional(),
  /** Per weight file, the header as read. */
  files: z.record(
    z.string(),
    z.object({ gguf: GgufMetadata.optional(), safetensors: SafetensorsMetadata.optional() }),
  ),
});
export type ModelVersionMetadata = z.infer<typeof ModelVersionMetadata>;

export const ModelVersionFile = z.object({
  path: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  kind: ModelFileKind,
});
export type ModelVersionFile = z.infer<typeof ModelVersionFile>;

/**
 * What a fine-tuning run ended with (seed 004 FR36): its last training loss, and the loss and
 * perplexity (exp of the loss) on the validation split when the job had one.
 */
export const TrainingMetrics = z.object({
  steps: z.number().int(),
  train_loss: z.number().nullable(),
  eval_loss: z.number().nullable(),
  perplexity: z.number().nullable(),
  /** The lowest validation loss of the run (an evaluation every `eval_steps`, or only the final one). */
  best_eval_loss: z.number().nullable(),
});
export type TrainingMetrics = z.infer<typeof TrainingMetrics>;

export const ModelVersion = z.object({
  id: z.string(),
  model_id: z.string(),
  artifact_type: ArtifactType,
  /** The weight format detected from the bytes (gguf wins when a version carries several). */
  format: ModelFormat,
  formats: z.array(ModelFormat),
  /** sha256 over the sorted `path:sha256` lines: the same files give the same digest. */
  digest: z.string(),
  size: z.number().int(),
  source: ModelVersionSource,
  base_model_version_id: z.string().nullable(),
  source_job_id: z.string().nullable(),
  /** For a fine-tuned version: the dataset version it was trained on, and how the run ended. */
  source_dataset_version_id: z.string().nullable(),
  training_metrics: TrainingMetrics.nullable(),
  license: z.string(),
  notes: z.string(),
  metadata: ModelVersionMetadata,
  files: z.array(ModelVersionFile),
  /** Tags of the model that point here now. */
  tags: z.array(z.string()),
  created_by: z.string().nullable(),
  created_at: Timestamp,
});
export type ModelVersion = z.infer<typeof ModelVersion>;

/** A file of a new version: bytes already in the blob store (by digest) or a finished upload. */
export const ModelVersionFileInput = z.union([
  z.object({ path: ModelFilePath, sha256: Sha256 }).strict(),
  z.object({ path: ModelFilePath, upload_id: z.string().min(1).max(200) }).strict(),
]);
export type ModelVersionFileInput = z.infer<typeof ModelVersionFileInput>;

export const CreateModelVersionInput = z
  .object({
    artifact_type: ArtifactType.default("full"),
    files: z.array(ModelVersionFileInput).min(1).max(1000),
    source: z.enum(["upload", "import"]).default("upload"),
    base_model_version_id: z.string().max(100).optional(),
    license: licenseField.default(""),
    notes: freeText(4000).default(""),
    /** Move `latest` to the new version (default true). */
    tag_latest: z.boolean().default(true),
  })
  .strict();
export type CreateModelVersionInput = z.infer<typeof CreateModelVersionInput>;

export const ModelVersionListQuery = z.object({
  artifact_type: ArtifactType.optional(),
  /** The weight format (`format` itself is the export format of lists). */
  weight_format: ModelFormat.optional(),
  source: ModelVersionSource.optional(),
});
export type ModelVersionListQuery = z.infer<typeof ModelVersionListQuery>;

export const ModelTag = z.object({
  model_id: z.string(),
  tag: z.string(),
  version_id: z.string(),
  protected: z.boolean(),
  updated_by: z.string().nullable(),
  updated_at: Timestamp,
});
export type ModelTag = z.infer<typeof ModelTag>;

export const ModelTagHistoryEntry = z.object({
  id: z.string(),
  model_id: z.string(),
  tag: z.string(),
  action: z.enum(["set", "rollback", "delete"]),
  from_version_id: z.string().nullable(),
  to_version_id: z.string().nullable(),
  reason: z.string(),
  forced: z.boolean(),
  /** The passing gate evaluation run that allowed this move to prod, when one did. */
  evidence_evaluation_run_id: z.string().nullable().optional(),
  actor_type: z.string(),
  actor_id: z.string().nullable(),
  actor_label: z.string().nullable(),
  created_at: Timestamp,
});
export type ModelTagHistoryEntry = z.infer<typeof ModelTagHistoryEntry>;

export const GateResult = z.object({
  gate: z.string(),
  passed: z.boolean(),
  reason: z.string(),
  details: z.unknown().optional(),
});
export type GateResult = z.infer<typeof GateResult>;

export const SetModelTagInput = z
  .object({
    /** The target: a version id of this model, or `ref` (a tag or a version id), resolved and stored as an id. */
    version_id: z.string().max(100).optional(),
    ref: z.string().max(100).optional(),
    /** Override a failed release gate (Owner only, with a reason). */
    force: z.boolean().default(false),
    reason: freeText(2000, { trim: true }).default(""),
    /** The passing gate evaluation run offered as evidence (the console's "Promote to prod tag"); otherwise the newest passing one is found. */
    evaluation_run_id: z.string().max(100).optional(),
    /** Only report current vs target and the gate results; change nothing. */
    dry_run: z.boolean().default(false),
  })
  .strict()
  .refine((v) => (v.version_id === undefined) !== (v.ref === undefined), {
    message: "give exactly one of version_id or ref",
  });
export type SetModelTagInput = z.infer<typeof SetModelTagInput>;

export const RollbackModelTagInput = z
  .object({
    to_history_id: z.string().max(100).optional(),
    steps: z.number().int().min(1).max(1000).optional(),
    force: z.boolean().default(false),
    reason: freeText(2000, { trim: true }).default(""),
  })
  .strict()
  .refine((v) => (v.to_history_id === undefined) !== (v.steps === undefined), {
    message: "give exactly one of to_history_id or steps",
  });
export type RollbackModelTagInput = z.infer<typeof RollbackModelTagInput>;

/** The answer to a tag move: what it pointed to, what it points to now, and what the gates said. */
export const TagMoveResult = z.object({
  model_id: z.string(),
  tag: z.string(),
  current_version_id: z.string().nullable(),
  target_version_id: z.string(),
  changed: z.boolean(),
  dry_run: z.boolean(),
  forced: z.boolean(),
  gates: z.array(GateResult),
  history_id: z.string().nullable(),
});
export type TagMoveResult = z.infer<typeof TagMoveResult>;

export const ResolvedModelRef = z.object({
  model_id: z.string(),
  ref: z.string(),
  version_id: z.string(),
  /** The tag the ref named, or null when it was a version id. */
  tag: z.string().nullable(),
});
export type ResolvedModelRef = z.infer<typeof ResolvedModelRef>;

/** System models: a platform-owned, public model (platform admin only). */
export const CreateSystemModelInput = CreateModelInput.extend({
  visibility: z.enum(["public", "private"]).default("public"),
}).strict();
export type CreateSystemModelInput = z.infer<typeof CreateSystemModelInput>;
