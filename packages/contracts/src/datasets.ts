import { z } from "zod";
import { freeText, lineField, nameField, Timestamp } from "./common.js";
import { Dependant } from "./errors.js";
import { ModelFilePath } from "./models.js";

/** Record formats a dataset version may hold (one per version; docs/guide/datasets.md has examples). */
export const DatasetFormat = z.enum(["chat", "prompt_completion", "text", "preference"]);
export type DatasetFormat = z.infer<typeof DatasetFormat>;
/**
 * The record shapes a version may arrive in: today's four (already the internal form) and the shapes
 * of LLaMA-Factory / ms-swift / Axolotl and OpenAI preference fine-tuning, each mapped onto one of
 * the four (docs/guide/datasets.md "Formats").
 */
export const DatasetShape = z.enum([
  "chat",
  "prompt_completion",
  "text",
  "preference",
  "alpaca",
  "alpaca_preference",
  "sharegpt",
  "sharegpt_preference",
  "openai_preference",
]);
export type DatasetShape = z.infer<typeof DatasetShape>;
/** How a file stores its records (each maybe gzipped): JSON lines, one JSON array, a CSV or a Parquet table. */
export const DatasetContainer = z.enum(["jsonl", "json", "csv", "parquet"]);
export type DatasetContainer = z.infer<typeof DatasetContainer>;

/** At most this many fields in a column mapping. */
export const MAX_MAPPED_FIELDS = 64;

/**
 * Target field ← source key or column, e.g. `{"prompt": "question", "completion": "answer"}`:
 * applied to every record before its shape is checked; a source may be named once.
 */
export const ColumnMapping = z
  .record(
    lineField(128).min(1, "a mapped target field needs a name"),
    lineField(256).min(1, "a mapping must name its source column"),
  )
  .superRefine((m, ctx) => {
    const targets = Object.keys(m);
    if (targets.length > MAX_MAPPED_FIELDS)
      ctx.addIssue({ code: "custom", message: `a mapping has at most ${MAX_MAPPED_FIELDS} fields` });
    const seen = new Set<string>();
    for (const target of targets) {
      const source = m[target]!;
      if (seen.has(source))
        ctx.addIssue({ code: "custom", path: [target], message: `column "${source}" is mapped twice` });
      seen.add(source);
    }
  })
  .describe('target field ← source column, e.g. {"prompt": "question", "completion": "answer"}');
export type ColumnMapping = z.infer<typeof ColumnMapping>;

export const SplitRole = z.enum(["train", "validation"]);
export type SplitRole = z.infer<typeof SplitRole>;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, "must be a sha256 digest (64 lower-case hex characters)");
const tagList = z.array(lineField(64, { trim: true }).min(1)).max(50);

/** A file's name in a version: relative, forward slashes, no `..`, no NUL or other control characters. */
export const DatasetFileName = ModelFilePath.describe(
  "the file's name in the version: relative, forward slashes, no `.`/`..` segments, no control characters",
);

export const DatasetLatestVersion = z.object({
  id: z.string(),
  number: z.number().int(),
  digest: z.string(),
  rows: z.number().int(),
  /** Sums over the rows (null without token statistics). */
  prompt_tokens: z.number().int().nullable(),
  total_tokens: z.number().int().nullable(),
  schema_fields: z.number().int(),
  created_at: Timestamp,
});

export const Dataset = z.object({
  id: z.string(),
  tenant_id: z.string(),
  project_id: z.string(),
  name: z.string(),
  description: z.string(),
  /** Fixed by the first version (or at creation); every version has it. */
  format: DatasetFormat.nullable(),
  /** The shape of the latest uploaded version: later versions are read as this shape unless they name one. */
  shape: DatasetShape.nullable(),
  /** The column mapping later versions reuse when they give none (saved from the versions that gave one). */
  mapping: ColumnMapping.nullable(),
  tags: z.array(z.string()),
  latest_version_id: z.string().nullable(),
  latest_version: DatasetLatestVersion.nullable(),
  version_count: z.number().int(),
  created_by: z.string().nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Dataset = z.infer<typeof Dataset>;

export const CreateDatasetInput = z
  .object({
    name: nameField(1, 128),
    description: freeText(2000).default(""),
    format: DatasetFormat.optional(),
    tags: tagList.default([]),
  })
  .strict();
export type CreateDatasetInput = z.infer<typeof CreateDatasetInput>;

export const UpdateDatasetInput = z
  .object({
    name: nameField(1, 128).optional(),
    description: freeText(2000).optional(),
    tags: tagList.optional(),
    /** The column mapping later versions reuse; null forgets it. */
    mapping: ColumnMapping.nullable().optional(),
  })
  .strict();
export type UpdateDatasetInput = z.infer<typeof UpdateDatasetInput>;

export const DatasetListQuery = z.object({
  /** The record format (`format` itself is the export format of lists). */
  dataset_format: DatasetFormat.optional(),
  /** Latest version's rows at least / at most. */
  rows_min: z.coerce.number().int().min(0).optional(),
  rows_max: z.coerce.number().int().min(0).optional(),
});
export type DatasetListQuery = z.infer<typeof DatasetListQuery>;

export const DistributionSummary = z.object({
  rows: z.number().int(),
  sum: z.number(),
  mean: z.number(),
  min: z.number(),
  p50: z.number(),
  p95: z.number(),
  max: z.number(),
  /** False when quantiles come from 1%-wide bins (very many distinct lengths). */
  exact: z.boolean(),
});

export const TokenStatistics = z.object({
  tokenizer: z.object({ id: z.string(), name: z.string() }),
  rows: z.number().int(),
  prompt: DistributionSummary,
  completion: DistributionSummary,
  total: DistributionSummary,
  max_length: z.number().int().nullable(),
  rows_over_max_length: z.number().int(),
  truncated_tokens: z.number().int(),
});
export type TokenStatistics = z.infer<typeof TokenStatistics>;

export const DatasetSchema = z.object({
  rows: z.number().int(),
  fields: z.array(
    z.object({
      /** Dotted path; `[]` stands for array elements (`messages[].role`). */
      path: z.string(),
      types: z.array(z.string()),
      rows: z.number().int(),
      /** Share of rows holding the path, 0..1. */
      presence: z.number(),
    }),
  ),
  truncated: z.boolean(),
});

export const DatasetRowCounts = z.object({
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  blank: z.number().int(),
});

export const DatasetRowError = z.object({
  /** 1-based record position in the files concatenated in order (JSONL: the line, blank lines count). */
  line: z.number().int(),
  /**
   * 0-based index of the file, its name and the 1-based line in it where the record starts (CSV: the
   * row's first line; Parquet: the row number, index + 1).
   */
  file: z.number().int(),
  file_name: z.string().nullable(),
  file_line: z.number().int(),
  /** 0-based record index in its file: how JSON arrays and Parquet tables number their records (null otherwise). */
  index: z.number().int().nullable(),
  /** The file's container. */
  container: DatasetContainer,
  column: z.number().int().nullable(),
  code: z.enum([
    "invalid_utf8",
    "line_too_long",
    "invalid_json",
    "not_an_object",
    "unknown_format",
    "format_mismatch",
    "invalid_record",
  ]),
  message: z.string(),
});
export type DatasetRowError = z.infer<typeof DatasetRowError>;

export const DatasetVersionFile = z.object({
  name: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  /** Records of the file (JSONL: lines, blank ones included). */
  lines: z.number().int(),
  /** How the file stores its records (detected, or as the upload named it). */
  container: DatasetContainer,
});

/**
 * Lineage of a version the platform wrote from something other than uploaded files: today a
 * side-by-side evaluation's preference export (the run and both targets whose answers became
 * chosen/rejected).
 */
export const DatasetVersionSource = z.object({
  kind: z.literal("evaluation_preferences"),
  evaluation_run_id: z.string(),
  targets: z.array(
    z.object({
      key: z.enum(["a", "b"]),
      label: z.string(),
      model_version_id: z.string().nullable(),
      service_id: z.string().nullable(),
      revision_id: z.string().nullable(),
    }),
  ),
  min_ratings: z.number().int(),
  /** Rated prompts, and those left out (tie, no majority, too few ratings, unusable answers). */
  rated_prompts: z.number().int(),
  left_out: z.number().int(),
});
export type DatasetVersionSource = z.infer<typeof DatasetVersionSource>;

export const DatasetVersion = z.object({
  id: z.string(),
  dataset_id: z.string(),
  project_id: z.string(),
  /** 1, 2, 3… per dataset. */
  number: z.number().int(),
  /** The internal form of the records (what token statistics and the trainer read). */
  format: DatasetFormat,
  /** The records' shape in the files as uploaded (the internal form itself for JSONL of the four formats). */
  shape: DatasetShape,
  /** The column mapping the files are read with (null: none). */
  mapping: ColumnMapping.nullable(),
  /** sha256 over the files' `name:sha256` lines, in order. */
  digest: z.string(),
  size: z.number().int(),
  /** Records (valid rows) of the version. */
  rows: z.number().int(),
  files: z.array(DatasetVersionFile),
  schema: DatasetSchema,
  token_stats: TokenStatistics.nullable(),
  /** What validation counted in the uploaded files. */
  validation: DatasetRowCounts,
  kept_valid_only: z.boolean(),
  /** Invalid rows left out by keep-valid-only (their report: `report_href`). */
  dropped_rows: z.number().int(),
  report_sha256: z.string().nullable(),
  report_href: z.string().nullable(),
  base_model_version_id: z.string().nullable(),
  max_length: z.number().int().nullable(),
  parent_version_id: z.string().nullable(),
  split_role: SplitRole.nullable(),
  split_params: z
    .object({
      seed: z.number().int(),
      validation_ratio: z.number().nullable(),
      validation_rows: z.number().int().nullable(),
    })
    .nullable(),
  /** Lineage of a version written by the platform (null: uploaded, or a split part — see `parent_version_id`). */
  source: DatasetVersionSource.nullable().optional(),
  created_by: z.string().nullable(),
  created_at: Timestamp,
});
export type DatasetVersion = z.infer<typeof DatasetVersion>;

/** A file of a new version: a finished tus upload of the dataset's project, or bytes already stored. */
export const DatasetFileInput = z.union([
  z
    .object({
      upload_id: z.string().min(1).max(200),
      /** Defaults to the upload's filename (checked by the same rules). */
      name: DatasetFileName.optional(),
    })
    .strict(),
  z.object({ sha256: Sha256, name: DatasetFileName }).strict(),
]);
export type DatasetFileInput = z.infer<typeof DatasetFileInput>;

const versionOptions = {
  /** Files read in this order, as if concatenated. */
  files: z.array(DatasetFileInput).min(1).max(100),
  /** Expected record format; by default detected (and it must match the dataset's). */
  format: DatasetFormat.optional(),
  /** The records' shape; by default the dataset's (saved from its latest version), else detected. */
  shape: DatasetShape.optional(),
  /** Every file's container; by default detected per file from its first bytes (gzip included). */
  container: DatasetContainer.optional(),
  /**
   * Target field ← source column, applied before the shape is checked; by default the mapping saved
   * on the dataset. `{}` reads the files without one.
   */
  mapping: ColumnMapping.optional(),
  /** Token statistics with this model version's tokenizer (otherwise the default, o200k_base). */
  base_model_version_id: z.string().max(100).optional(),
  /** Rows longer than this many tokens are counted as over the max length. */
  max_length: z.number().int().min(1).max(10_000_000).optional(),
};

export const ValidateDatasetVersionInput = z.object(versionOptions).strict();
export type ValidateDatasetVersionInput = z.infer<typeof ValidateDatasetVersionInput>;

export const CreateDatasetVersionInput = z
  .object({
    ...versionOptions,
    /** Keep only the valid rows (written as a new file) when some are invalid; recorded on the version. */
    keep_valid_only: z.boolean().default(false),
  })
  .strict();
export type CreateDatasetVersionInput = z.infer<typeof CreateDatasetVersionInput>;

/** What validating the files found; also the `details` of a 422 on version creation. */
export const DatasetValidation = z.object({
  validation_run_id: z.string(),
  dataset_id: z.string(),
  /** Usable as a version as is: at least one valid row and no invalid one. */
  valid: z.boolean(),
  /** The internal form the records map onto; null when no record had the fields of a known shape. */
  format: DatasetFormat.nullable(),
  /** The records' shape as uploaded (detected or expected); null like `format`. */
  shape: DatasetShape.nullable(),
  /** The column mapping the files were read with (null: none). */
  mapping: ColumnMapping.nullable(),
  rows: DatasetRowCounts,
  files: z.array(
    z.object({
      index: z.number().int(),
      name: z.string(),
      lines: z.number().int(),
      container: DatasetContainer,
    }),
  ),
  /** Keys (columns) of the first records as uploaded, before the mapping: what a mapping may read. */
  columns: z.array(z.string()),
  /**
   * The first valid records: `value` after the mapping, `normalized` in the internal form (what the
   * trainer reads); records over 32 KB are left out. Only in the dry run's own answer: content is
   * not kept with the run (empty when the run is read again, and in a refused version's details).
   */
  preview: z.array(
    z.object({
      line: z.number().int(),
      file_name: z.string().nullable(),
      file_line: z.number().int(),
      value: z.record(z.string(), z.unknown()),
      normalized: z.record(z.string(), z.unknown()),
    }),
  ),
  /** The first 20 errors in line order; `rows.invalid` counts them all. */
  errors: z.array(DatasetRowError),
  errors_truncated: z.boolean(),
  schema: DatasetSchema,
  token_stats: TokenStatistics.nullable(),
  /** The full error report (JSONL, one error a line); null when there were no errors. */
  report_href: z.string().nullable(),
  report_sha256: z.string().nullable(),
  /** The run and its report are kept until then. */
  expires_at: Timestamp,
  created_at: Timestamp,
});
export type DatasetValidation = z.infer<typeof DatasetValidation>;

export const DatasetVersionListQuery = z.object({
  split_role: SplitRole.optional(),
});
export type DatasetVersionListQuery = z.infer<typeof DatasetVersionListQuery>;

export const DatasetPreviewQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const DatasetPreview = z.object({
  version_id: z.string(),
  format: DatasetFormat,
  shape: DatasetShape,
  /** True for roles that may not read content (Finance): rows carry their location only. */
  masked: z.boolean(),
  rows: z.array(
    z.object({
      line: z.number().int(),
      file_name: z.string().nullable(),
      file_line: z.number().int(),
      /** The record as uploaded, after the column mapping; null when masked. */
      value: z.record(z.string(), z.unknown()).nullable(),
      /** The record in the internal form (what the trainer reads); null when masked. */
      normalized: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
});
export type DatasetPreview = z.infer<typeof DatasetPreview>;

export const SplitDatasetVersionInput = z
  .object({
    /** Share of the valid rows that go to validation, strictly between 0 and 1. */
    validation_ratio: z.number().gt(0).lt(1).optional(),
    /** Or an exact number of validation rows (fewer than the version's rows). */
    validation_rows: z.number().int().min(1).optional(),
    /** Same seed, same split. */
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  })
  .strict()
  .refine((v) => (v.validation_ratio === undefined) !== (v.validation_rows === undefined), {
    message: "give exactly one of validation_ratio or validation_rows",
  });
export type SplitDatasetVersionInput = z.infer<typeof SplitDatasetVersionInput>;

export const DatasetSplit = z.object({
  parent_version_id: z.string(),
  train: DatasetVersion,
  validation: DatasetVersion,
});
export type DatasetSplit = z.infer<typeof DatasetSplit>;

export const DatasetUsage = z.object({ dependants: z.array(Dependant) });
export type DatasetUsage = z.infer<typeof DatasetUsage>;
