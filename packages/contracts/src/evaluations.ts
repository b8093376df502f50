import { z } from "zod";
import { freeText, ListQuery, lineField, nameField, Timestamp } from "./common.js";

/**
 * Evaluation (seed 000 §4.3.6, issue 13): runs that generate with one or two targets over a
 * dataset version (or typed prompts), score every sample, summarize each metric with a bootstrap
 * interval, and — for a gate run — decide pass or fail by the project's gate rules. A passing gate
 * run is the evidence the `prod_requires_passing_evaluation` release gate asks for.
 */

export const EvaluationKind = z.enum(["automatic", "side_by_side", "gate"]);
export type EvaluationKind = z.infer<typeof EvaluationKind>;

export const EvaluationStatus = z.enum(["queued", "running", "canceling", "succeeded", "failed", "canceled"]);
export type EvaluationStatus = z.infer<typeof EvaluationStatus>;

/**
 * Metrics a run can compute per sample. `exact_match`, `contains`, `regex`, `json_valid`,
 * `json_schema`, `judge` are 0/1 (or 1–5 for the judge) per sample and average over samples;
 * `rouge_l`, `bleu`, `chrf` are 0–100 text similarities (BLEU and chrF corpus-level, sacreBLEU's
 * definitions); `latency_ms`, `completion_tokens` describe the generation. `loss` (mean negative
 * log-likelihood per reference token, nats) and `perplexity` (exp of it) score the reference itself
 * with the model's token probabilities: model-version targets only (their replica can score).
 */
export const MetricName = z.enum([
  "exact_match",
  "contains",
  "regex",
  "json_valid",
  "json_schema",
  "rouge_l",
  "bleu",
  "chrf",
  "judge",
  "latency_ms",
  "completion_tokens",
  "loss",
  "perplexity",
]);
export type MetricName = z.infer<typeof MetricName>;

/** Which way is better for a metric (gates and "worst samples first" read it). */
export const metricDirection: Record<MetricName, "higher" | "lower"> = {
  exact_match: "higher",
  contains: "higher",
  regex: "higher",
  json_valid: "higher",
  json_schema: "higher",
  rouge_l: "higher",
  bleu: "higher",
  chrf: "higher",
  judge: "higher",
  latency_ms: "lower",
  completion_tokens: "lower",
  loss: "lower",
  perplexity: "lower",
};

/**
 * The scale each metric is reported on (a gate rule's threshold must lie on it; the server refuses
 * one that does not, the console bounds its input). `max` null: unbounded (milliseconds, tokens).
 */
export const metricScale: Record<MetricName, { min: number; max: number | null }> = {
  exact_match: { min: 0, max: 1 },
  contains: { min: 0, max: 1 },
  regex: { min: 0, max: 1 },
  json_valid: { min: 0, max: 1 },
  json_schema: { min: 0, max: 1 },
  rouge_l: { min: 0, max: 100 },
  bleu: { min: 0, max: 100 },
  chrf: { min: 0, max: 100 },
  judge: { min: 1, max: 5 },
  latency_ms: { min: 0, max: null },
  completion_tokens: { min: 0, max: null },
  loss: { min: 0, max: null },
  perplexity: { min: 1, max: null },
};

/** Metrics read from the model's token probabilities of the reference: a model-version target only. */
export const SCORING_METRICS: readonly MetricName[] = ["loss", "perplexity"];

/** How answers are normalized before `exact_match` / `contains` compare them. */
export const TextNormalization = z
  .object({
    trim: z.boolean().default(true),
    lowercase: z.boolean().default(false),
    /** Remove ASCII and Unicode punctuation. */
    strip_punctuation: z.boolean().default(false),
    /** Collapse runs of white space to one space. */
    collapse_whitespace: z.boolean().default(true),
    /** SQuAD-style: drop the articles a/an/the. */
    strip_articles: z.boolean().default(false),
  })
  .strict();
export type TextNormalization = z.infer<typeof TextNormalization>;

export const MetricConfig = z
  .object({
    name: MetricName,
    normalization: TextNormalization.optional(),
    /** `regex`: the pattern the output must match (JavaScript syntax, no flags but `i` via `flags`). */
    pattern: z.string().max(1000).optional(),
    flags: z
      .string()
      .regex(/^[imsu]*$/)
      .max(4)
      .optional(),
    /** `json_schema`: the JSON Schema the output must conform to. */
    schema: z.record(z.string(), z.unknown()).optional(),
    /** `judge`: the judging service (a service of the same project) and the rubric it scores by, 1–5. */
    judge_service_id: z.string().max(100).optional(),
    rubric: freeText(4000, { trim: true }).optional(),
  })
  .strict();
export type MetricConfig = z.infer<typeof MetricConfig>;

/**
 * What a run evaluates: a model version (by id, or by model + tag, resolved and stored at creation)
 * or a service revision (called through the gateway, pinned to the revision).
 */
export const EvaluationTargetInput = z
  .object({
    model_version_id: z.string().max(100).optional(),
    model_id: z.string().max(100).optional(),
    /** With `model_id`: a tag (`prod`, `staging`) or a version id. */
    ref: z.string().max(100).optional(),
    service_id: z.string().max(100).optional(),
    revision_id: z.string().max(100).optional(),
  })
  .strict();
export type EvaluationTargetInput = z.infer<typeof EvaluationTargetInput>;

/** A target as stored: `a` (the evaluated, or the candidate of a gate), `b` (the other side, or the gate's prod baseline). */
export const EvaluationTarget = z.object({
  key: z.enum(["a", "b"]),
  kind: z.enum(["model_version", "service_revision"]),
  model_id: z.string().nullable(),
  model_version_id: z.string().nullable(),
  service_id: z.string().nullable(),
  revision_id: z.string().nullable(),
  /** What the user named (`support-router:prod`, `svc@rev`), kept for display. */
  label: z.string(),
  /** Gate runs: the baseline is the model's `prod` version when the run was created. */
  role: z.enum(["evaluated", "compared", "baseline"]),
});
export type EvaluationTarget = z.infer<typeof EvaluationTarget>;

export const GenerationParams = z
  .object({
    temperature: z.number().min(0).max(2).default(0),
    top_p: z.number().gt(0).max(1).default(1),
    max_tokens: z.number().int().min(1).max(4096).default(64),
    system_prompt: freeText(4000).optional(),
  })
  .strict();
export type GenerationParams = z.infer<typeof GenerationParams>;

export const CreateEvaluationInput = z
  .object({
    kind: EvaluationKind,
    name: nameField(1, 100).optional(),
    /** `a` for every kind; `b` for side-by-side (a gate's baseline is found, not given). */
    targets: z.array(EvaluationTargetInput).min(1).max(2),
    /** The records: prompt/completion, messages (the last assistant turn is the reference), or records with a reference field. */
    dataset_version_id: z.string().max(100).optional(),
    /** A benchmark of this project: its dataset version, fields and defaults (instead of `dataset_version_id` / `prompts`). */
    benchmark_id: z.string().max(100).optional(),
    /** Side-by-side without a dataset: typed prompts. */
    prompts: z.array(freeText(8000)).min(1).max(200).optional(),
    /** For records with other shapes: which field holds the prompt and which the reference. */
    prompt_field: lineField(100).optional(),
    reference_field: lineField(100).optional(),
    /** Metrics sliced by this field of the records (e.g. `category`). */
    slice_field: lineField(100).optional(),
    /** Default: the benchmark's metrics, else `exact_match` (filled in when the run is created). */
    metrics: z.array(MetricConfig).max(20).optional(),
    sample_limit: z.number().int().min(1).max(100_000).optional(),
    /** Which samples a limit picks, and the bootstrap's resampling: the same seed, the same intervals. */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(42),
    /** Default: the benchmark's, else temperature 0, top_p 1, 64 tokens (filled in when the run is created). */
    generation: GenerationParams.optional(),
    /** Gate runs: the rules to apply (default: every rule of the project and of the target's model). */
    gate_rule_ids: z.array(z.string().max(100)).max(50).optional(),
  })
  .strict();
export type CreateEvaluationInput = z.infer<typeof CreateEvaluationInput>;

/** A metric's value over a run's samples, with its 95 % bootstrap interval. */
export const MetricSummary = z.object({
  value: z.number().nullable(),
  ci_low: z.number().nullable(),
  ci_high: z.number().nullable(),
  /** Samples that had a score for it. */
  n: z.number().int(),
});
export type MetricSummary = z.infer<typeof MetricSummary>;

/** Per target key (`a`, `b`), per metric. */
/**
 * Who a summary sentence names: a target's custom label, or (null) its default, said by `default`
 * (`default_a`/`default_b` read "A"/"B"; a gate run's `candidate`/`prod`) so the console translates it.
 */
export const SummaryTargetName = z.object({
  key: z.enum(["a", "b"]),
  label: z.string().nullable(),
  default: z.enum(["default_a", "default_b", "candidate", "prod"]),
});
export type SummaryTargetName = z.infer<typeof SummaryTargetName>;

/** A value with its 95 % interval (null bounds: none) over `n` samples. */
export const SummaryFigure = z.object({
  value: z.number(),
  ci_low: z.number().nullable(),
  ci_high: z.number().nullable(),
  n: z.number().int(),
});
export type SummaryFigure = z.infer<typeof SummaryFigure>;

/**
 * The summary sentence as data, one `form` per thing it can say, with raw numbers, so a client can
 * say it in its own language (`sentence` is the English rendering of these parts, after a gate
 * run's verdict). `beats`/`within_noise`: `by` is the leader's advantage on the paired difference.
 */
export const SummarySentenceParts = z.discriminatedUnion("form", [
  z.object({ form: z.literal("no_metric") }),
  z.object({ form: z.literal("none_scored"), metric: z.string() }),
  z.object({ form: z.literal("single"), metric: z.string(), figure: SummaryFigure }),
  z.object({
    form: z.literal("one_missing"),
    metric: z.string(),
    missing: SummaryTargetName,
    other: SummaryTargetName,
    figure: SummaryFigure,
  }),
  z.object({
    form: z.literal("tie"),
    metric: z.string(),
    a: SummaryTargetName,
    b: SummaryTargetName,
    difference: SummaryFigure,
  }),
  z.object({
    form: z.literal("beats"),
    metric: z.string(),
    winner: SummaryTargetName,
    loser: SummaryTargetName,
    by: SummaryFigure,
  }),
  z.object({
    form: z.literal("within_noise"),
    metric: z.string(),
    a: SummaryTargetName,
    b: SummaryTargetName,
    leader: SummaryTargetName,
    by: SummaryFigure,
  }),
  z.object({
    form: z.literal("versus"),
    metric: z.string(),
    a: SummaryTargetName,
    b: SummaryTargetName,
    a_figure: SummaryFigure,
    b_figure: SummaryFigure,
  }),
]);
export type SummarySentenceParts = z.infer<typeof SummarySentenceParts>;

export const EvaluationSummary = z.object({
  metrics: z.partialRecord(z.enum(["a", "b"]), z.record(z.string(), MetricSummary)),
  /** `slice value` → target → metric → summary, when the run slices by a field. */
  slices: z
    .record(z.string(), z.partialRecord(z.enum(["a", "b"]), z.record(z.string(), MetricSummary)))
    .optional(),
  /** One sentence a person reads first (English; a gate run's verdict first). */
  sentence: z.string(),
  /** The same sentence (without the gate verdict) as data; absent on runs stored before it existed. */
  sentence_parts: SummarySentenceParts.optional(),
});
export type EvaluationSummary = z.infer<typeof EvaluationSummary>;

/**
 * One rule check of a regression prompt's answer (gate rules `pass_rate_at_least`): `contains` /
 * `not_contains` / `exact` compare with `text` under `normalization` (as the metrics do); `regex`
 * matches `pattern` (with `flags` among i, m, s, u); `json_valid` parses; `json_schema` conforms to
 * `schema` (the documented subset of the json_schema metric). Checked at creation (422 naming the
 * field, e.g. `prompts[3].checks[0].pattern`).
 */
export const RegressionCheck = z
  .object({
    kind: z.enum(["contains", "not_contains", "regex", "json_valid", "json_schema", "exact"]),
    text: z.string().max(4000).optional(),
    normalization: TextNormalization.optional(),
    pattern: z.string().max(1000).optional(),
    flags: z.string().max(4).optional(),
    schema: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type RegressionCheck = z.infer<typeof RegressionCheck>;

/** A regression prompt: it passes when every one of its checks passes on the candidate's answer. */
export const RegressionPrompt = z
  .object({
    prompt: freeText(8000),
    checks: z.array(RegressionCheck).min(1).max(20),
  })
  .strict();
export type RegressionPrompt = z.infer<typeof RegressionPrompt>;

/** The most prompts one rule holds. */
export const MAX_REGRESSION_PROMPTS = 500;

/** What a `pass_rate_at_least` rule measures (its `metric` in rules and outcomes). */
export const REGRESSION_PASS_RATE = "regression_pass_rate";

/** A gate rule's measure: a run metric, or the pass rate of the rule's own regression prompts. */
export const GateMetric = z.union([MetricName, z.literal(REGRESSION_PASS_RATE)]);
export type GateMetric = z.infer<typeof GateMetric>;

/**
 * `at_least`: value ≥ threshold (≤ for lower-is-better metrics); `not_worse_than_prod`: within
 * `margin` of the prod version's value on the same samples; `pass_rate_at_least`: the share of the
 * rule's regression `prompts` whose checks all pass on the candidate ≥ threshold (0–1).
 */
export const GateComparator = z.enum(["at_least", "not_worse_than_prod", "pass_rate_at_least"]);
export type GateComparator = z.infer<typeof GateComparator>;

export const GateRuleInput = z
  .object({
    /** Null: every model of the project. */
    model_id: z.string().max(100).nullable().default(null),
    /** Required by `at_least` and `not_worse_than_prod`; a pass-rate rule measures `regression_pass_rate`. */
    metric: GateMetric.optional(),
    comparator: GateComparator,
    threshold: z.number().optional(),
    margin: z.number().min(0).optional(),
    /** `pass_rate_at_least`: the regression prompt set (1–500). */
    prompts: z.array(RegressionPrompt).max(MAX_REGRESSION_PROMPTS).optional(),
    description: freeText(500, { trim: true }).default(""),
  })
  .strict();
export type GateRuleInput = z.infer<typeof GateRuleInput>;

export const GateRule = z.object({
  id: z.string(),
  project_id: z.string(),
  model_id: z.string().nullable(),
  metric: GateMetric,
  comparator: GateComparator,
  threshold: z.number().nullable(),
  margin: z.number().nullable(),
  /**
   * `pass_rate_at_least`: the regression prompts (absent or null for the other comparators). A list
   * sends them only when asked (`include_prompts=true`): a rule may hold 500 of them.
   */
  prompts: z.array(RegressionPrompt).nullable().optional(),
  /** `pass_rate_at_least`: how many regression prompts the rule holds; null for the other comparators. */
  prompt_count: z.number().int().nullable(),
  description: z.string(),
  created_at: Timestamp,
  created_by: z.string().nullable(),
});
export type GateRule = z.infer<typeof GateRule>;

/**
 * Why a regression check failed, in parts a client can say in its own language (the check's
 * `reason` says it in English). `expected`: the text looked for (`missing_text`) or avoided
 * (`forbidden_text`), the expected answer (`not_exact`) or the pattern (`no_match`), clipped;
 * `got`: the answer as compared (`not_exact`), clipped; `detail`: the generation's error
 * (`no_answer`), the pattern's compile error (`bad_pattern`) or the schema's first violation
 * (`schema_mismatch`).
 */
export const RegressionCheckFailure = z.object({
  code: z.enum([
    "no_answer",
    "missing_text",
    "forbidden_text",
    "not_exact",
    "bad_pattern",
    "no_match",
    "not_json",
    "schema_mismatch",
  ]),
  expected: z.string().nullable(),
  got: z.string().nullable(),
  detail: z.string().nullable(),
});
export type RegressionCheckFailure = z.infer<typeof RegressionCheckFailure>;

/** A regression prompt that failed in a gate run: the first failed check's reason, and its sample. */
export const RegressionFailure = z.object({
  /** The sample's index in the run (candidate target `a`). */
  index: z.number().int(),
  /** Its position in the rule's prompts. */
  prompt_index: z.number().int(),
  prompt: z.string(),
  /** "checks[1] regex /^\\{/ did not match", or the generation's error. */
  reason: z.string(),
  /** The first failed check and why, in parts (absent on runs from before it was recorded). */
  check: z
    .object({ index: z.number().int(), kind: RegressionCheck.shape.kind, failure: RegressionCheckFailure })
    .nullable()
    .optional(),
});
export type RegressionFailure = z.infer<typeof RegressionFailure>;

/** One rule's verdict in a gate run. */
export const GateRuleOutcome = z.object({
  rule_id: z.string(),
  metric: GateMetric,
  comparator: GateComparator,
  value: z.number().nullable(),
  ci_low: z.number().nullable(),
  ci_high: z.number().nullable(),
  /** What it was compared with: the threshold, or the baseline's value minus the margin. */
  threshold: z.number().nullable(),
  baseline_value: z.number().nullable(),
  /** `not_worse_than_prod`: candidate − prod on the samples both answered, with its 95 % interval (what the rule decides on when present). */
  delta: z
    .object({ value: z.number(), ci_low: z.number().nullable(), ci_high: z.number().nullable() })
    .nullable()
    .optional(),
  /** `pass_rate_at_least`: prompts passed of those run, and the failing ones (at most 50, first by index). */
  regression: z
    .object({
      passed: z.number().int(),
      total: z.number().int(),
      failures: z.array(RegressionFailure),
    })
    .nullable()
    .optional(),
  passed: z.boolean(),
  /** One sentence: "exact match 0.06 [0.03, 0.10] is below 0.80". */
  reason: z.string(),
});
export type GateRuleOutcome = z.infer<typeof GateRuleOutcome>;

export const GateOutcome = z.object({
  passed: z.boolean(),
  rules: z.array(GateRuleOutcome),
  /** One sentence: why it passed or failed (also when no rule applied). */
  reason: z.string().optional(),
});
export type GateOutcome = z.infer<typeof GateOutcome>;

export const EvaluationRun = z.object({
  id: z.string(),
  project_id: z.string(),
  kind: EvaluationKind,
  name: z.string().nullable(),
  status: EvaluationStatus,
  targets: z.array(EvaluationTarget),
  dataset_id: z.string().nullable(),
  dataset_version_id: z.string().nullable(),
  /** As created: the benchmark's defaults and the platform's are filled in. */
  config: CreateEvaluationInput.omit({ targets: true, kind: true, name: true }).extend({
    metrics: z.array(MetricConfig),
    generation: GenerationParams,
  }),
  samples_total: z.number().int().nullable(),
  samples_done: z.number().int(),
  /** Seconds until done at the pace so far; null before the first sample or when not running. */
  eta_seconds: z.number().nullable(),
  summary: EvaluationSummary.nullable(),
  gate: GateOutcome.nullable(),
  error: z.string().nullable(),
  rerun_of: z.string().nullable(),
  /** The benchmark the run was made from (it may have been deleted since). */
  benchmark_id: z.string().nullable(),
  created_by: z.string().nullable(),
  created_at: Timestamp,
  started_at: Timestamp.nullable(),
  finished_at: Timestamp.nullable(),
});
export type EvaluationRun = z.infer<typeof EvaluationRun>;

export const EvaluationListQuery = ListQuery.extend({
  kind: EvaluationKind.optional(),
  status: EvaluationStatus.optional(),
  model_version_id: z.string().max(100).optional(),
  gate: z.enum(["passed", "failed"]).optional(),
  benchmark_id: z.string().max(100).optional(),
});
export type EvaluationListQuery = z.infer<typeof EvaluationListQuery>;

/** How a regression prompt's answer fared: each check's verdict, with why a failed one failed. */
export const RegressionSampleResult = z.object({
  rule_id: z.string(),
  prompt_index: z.number().int(),
  passed: z.boolean(),
  checks: z.array(
    z.object({
      kind: RegressionCheck.shape.kind,
      passed: z.boolean(),
      reason: z.string().nullable(),
      /** A failed check's reason in parts (absent on runs from before it was recorded). */
      failure: RegressionCheckFailure.nullable().optional(),
    }),
  ),
});
export type RegressionSampleResult = z.infer<typeof RegressionSampleResult>;

/** One generated answer of one target, with its scores. */
export const EvaluationSample = z.object({
  index: z.number().int(),
  target: z.enum(["a", "b"]),
  /** Chat messages or a plain prompt, as sent (masked for Finance). */
  input: z.union([z.string(), z.array(z.object({ role: z.string(), content: z.string() }))]),
  reference: z.string().nullable(),
  output: z.string().nullable(),
  /** Metric → per-sample score (absent when it does not apply). */
  scores: z.record(z.string(), z.number()),
  judge_reason: z.string().nullable(),
  slice: z.string().nullable(),
  latency_ms: z.number().nullable(),
  prompt_tokens: z.number().int().nullable(),
  completion_tokens: z.number().int().nullable(),
  /** Tokens of the reference the model scored (`loss` / `perplexity`): the run's loss weighs samples by them. */
  reference_tokens: z.number().int().nullable(),
  error: z.string().nullable(),
  /** A gate's regression prompt (not a dataset record): its rule, position and check results. */
  regression: RegressionSampleResult.nullable().optional(),
});
export type EvaluationSample = z.infer<typeof EvaluationSample>;

export const EvaluationSampleQuery = ListQuery.extend({
  target: z.enum(["a", "b"]).optional(),
  slice: z.string().max(200).optional(),
  /** `worst`: lowest score of `metric` first (the default view); `index`: dataset order. */
  order: z.enum(["worst", "index"]).default("worst"),
  metric: MetricName.optional(),
  /** Only failed samples of a 0/1 metric (score 0) or with a generation error. */
  failed: z.enum(["true", "false"]).optional(),
  /** Only the regression prompts of this gate rule (`failed` then means a failed check). */
  gate_rule_id: z.string().max(100).optional(),
});
export type EvaluationSampleQuery = z.infer<typeof EvaluationSampleQuery>;

/** A rater's judgement of one side-by-side prompt. */
export const RateSampleInput = z
  .object({
    index: z.number().int().min(0),
    score_a: z.number().int().min(1).max(5).nullable().default(null),
    score_b: z.number().int().min(1).max(5).nullable().default(null),
    winner: z.enum(["a", "b", "tie"]),
    note: freeText(2000, { trim: true }).default(""),
  })
  .strict();
export type RateSampleInput = z.infer<typeof RateSampleInput>;

export const SampleRating = z.object({
  index: z.number().int(),
  rater_id: z.string(),
  rater_label: z.string().nullable(),
  score_a: z.number().int().nullable(),
  score_b: z.number().int().nullable(),
  winner: z.enum(["a", "b", "tie"]),
  note: z.string(),
  updated_at: Timestamp,
});
export type SampleRating = z.infer<typeof SampleRating>;

/**
 * Win rate of `a` over `b` with its bootstrap interval over prompts: each rated prompt is decided by
 * more than half of its raters (else a draw, counted half). `a_wins` / `b_wins` / `ties` count
 * prompts; `ratings` and `raters` the judgements and people behind them.
 */
export const WinRate = z.object({
  ratings: z.number().int(),
  raters: z.number().int(),
  a_wins: z.number().int(),
  b_wins: z.number().int(),
  ties: z.number().int(),
  win_rate_a: z.number().nullable(),
  ci_low: z.number().nullable(),
  ci_high: z.number().nullable(),
});
export type WinRate = z.infer<typeof WinRate>;

/** Ratings → a new version of a preference dataset (prompt, chosen, rejected), lineage to both targets. */
export const ExportPreferencesInput = z
  .object({
    /** An existing dataset of the project, or a new one by name. */
    dataset_id: z.string().max(100).optional(),
    dataset_name: nameField(1, 100).optional(),
    /** Ties and prompts without a majority are left out. */
    min_ratings: z.number().int().min(1).max(100).default(1),
  })
  .strict();
export type ExportPreferencesInput = z.infer<typeof ExportPreferencesInput>;

export const PreferenceExport = z.object({
  dataset_id: z.string(),
  dataset_version_id: z.string(),
  /** Preference records written (prompt, chosen, rejected). */
  records: z.number().int(),
});
export type PreferenceExport = z.infer<typeof PreferenceExport>;

/** Metric deltas between runs on the same data: each run against the first, paired where samples match. */
export const EvaluationComparison = z.object({
  runs: z.array(z.object({ id: z.string(), label: z.string() })),
  metrics: z.array(
    z.object({
      metric: z.string(),
      values: z.array(MetricSummary),
      /** Against the first run; null for the first. */
      deltas: z.array(
        z
          .object({ delta: z.number(), ci_low: z.number(), ci_high: z.number(), paired: z.boolean() })
          .nullable(),
      ),
    }),
  ),
});
export type EvaluationComparison = z.infer<typeof EvaluationComparison>;
