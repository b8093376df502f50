import {
  type EvaluationBenchmark,
  type EvaluationKind,
  EvaluationKind as EvaluationKindSchema,
  type MetricConfig,
  type MetricName,
} from "@infera/contracts";
import type { api } from "../../../lib/client";

/** The create request as the client takes it (defaults still to fill). */
type CreateInput = Parameters<typeof api.evaluations.create>[1];

/** How the user names one target: a model and a tag (or version id), a version id, or a service revision. */
export type TargetBy = "model" | "version" | "service";

export interface TargetValues {
  by: TargetBy;
  model_id?: string;
  ref?: string;
  model_version_id?: string;
  service_id?: string;
  revision_id?: string;
}

export type NormalizationOption = "lowercase" | "strip_punctuation" | "strip_articles";

/** The wizard's form: the create input in the shape its fields take. */
export interface WizardValues {
  kind: EvaluationKind;
  name?: string;
  targets: TargetValues[];
  /** A dataset version, a benchmark (its data, fields and defaults), or typed prompts (side-by-side). */
  data_source: "dataset" | "benchmark" | "prompts";
  benchmark_id?: string;
  dataset_id?: string;
  dataset_version_id?: string;
  /** One prompt per line. */
  prompts_text?: string;
  prompt_field?: string;
  reference_field?: string;
  metrics: MetricName[];
  normalization?: NormalizationOption[];
  regex_pattern?: string;
  regex_flags?: string;
  /** `json_schema`: the schema as JSON text. */
  json_schema?: string;
  judge_service_id?: string;
  judge_rubric?: string;
  sample_limit?: number | null;
  seed?: number;
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  system_prompt?: string;
  slice_field?: string;
}

export const STEPS = ["kind", "data", "params"] as const;
export type StepKey = (typeof STEPS)[number];

export const defaultValues = (): WizardValues => ({
  kind: "automatic",
  targets: [{ by: "model", ref: "latest" }],
  data_source: "dataset",
  metrics: ["exact_match"],
  normalization: [],
  seed: 42,
  temperature: 0,
  top_p: 1,
  max_tokens: 64,
});

/**
 * The wizard prefilled from its link: `?model_version_id=` (the fine-tuning Artifacts tab, the tag
 * dialog's "Go to evaluation" with `kind=gate`), `?kind=side_by_side&service_id=&revision_id=&prompt=`
 * (the playground's compare; a second `revision_id` is side B); `dataset_version_id=` or
 * `benchmark_id=` picks the data.
 */
export function valuesFromQuery(params: URLSearchParams): WizardValues {
  const v = defaultValues();
  const kind = EvaluationKindSchema.safeParse(params.get("kind"));
  if (kind.success) v.kind = kind.data;
  const versionId = params.get("model_version_id");
  if (versionId) v.targets = [{ by: "version", model_version_id: versionId }];
  const serviceId = params.get("service_id");
  if (serviceId) {
    const revisions = params.getAll("revision_id");
    v.targets = [
      { by: "service", service_id: serviceId, revision_id: revisions[0] || undefined },
      {
        by: "service",
        service_id: params.get("service_id_b") ?? serviceId,
        revision_id: revisions[1] || undefined,
      },
    ];
  }
  const datasetVersionId = params.get("dataset_version_id");
  if (datasetVersionId) v.dataset_version_id = datasetVersionId;
  const benchmarkId = params.get("benchmark_id");
  if (benchmarkId) {
    v.data_source = "benchmark";
    v.benchmark_id = benchmarkId;
  }
  const prompts = params.getAll("prompt").filter((p) => p.trim());
  if (prompts.length) {
    v.data_source = "prompts";
    v.prompts_text = prompts.join("\n");
  }
  if (v.kind === "side_by_side") {
    if (v.targets.length < 2)
      v.targets = [v.targets[0] ?? { by: "model", ref: "latest" }, { by: "model", ref: "prod" }];
  } else v.targets = v.targets.slice(0, 1);
  return v;
}

/** How many targets a kind evaluates: side-by-side two; a gate finds its baseline itself. */
export const targetCount = (kind: EvaluationKind) => (kind === "side_by_side" ? 2 : 1);

const blank = (s: string | undefined | null) => (s?.trim() ? s.trim() : undefined);

function toTarget(t: TargetValues): CreateInput["targets"][number] {
  if (t.by === "version") return { model_version_id: blank(t.model_version_id) };
  if (t.by === "service") return { service_id: blank(t.service_id), revision_id: blank(t.revision_id) };
  return { model_id: blank(t.model_id), ref: blank(t.ref) ?? "latest" };
}

/** Parses the JSON Schema text; undefined when empty, a string (the problem) when it is not an object. */
export function parseSchema(text: string | undefined): Record<string, unknown> | undefined | string {
  if (!text?.trim()) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
    return "not an object";
  } catch (e) {
    return (e as Error).message;
  }
}

function toMetric(name: MetricName, v: WizardValues): MetricConfig {
  const m: MetricConfig = { name };
  if (name === "exact_match" || name === "contains") {
    const n = v.normalization ?? [];
    m.normalization = {
      trim: true,
      collapse_whitespace: true,
      lowercase: n.includes("lowercase"),
      strip_punctuation: n.includes("strip_punctuation"),
      strip_articles: n.includes("strip_articles"),
    };
  }
  if (name === "regex") {
    m.pattern = v.regex_pattern ?? "";
    if (blank(v.regex_flags)) m.flags = blank(v.regex_flags);
  }
  if (name === "json_schema") {
    const schema = parseSchema(v.json_schema);
    if (schema && typeof schema === "object") m.schema = schema;
  }
  if (name === "judge") {
    m.judge_service_id = blank(v.judge_service_id);
    m.rubric = blank(v.judge_rubric);
  }
  return m;
}

/** The create input exactly as it is sent. */
export function toInput(v: WizardValues): CreateInput {
  const prompts = (v.prompts_text ?? "")
    .split("\n")
    .map((p) => p.trim())
    .filter(Boolean);
  const usePrompts = v.kind === "side_by_side" && v.data_source === "prompts";
  const input: CreateInput = {
    kind: v.kind,
    name: blank(v.name),
    targets: v.targets.slice(0, targetCount(v.kind)).map(toTarget),
    metrics: (v.metrics ?? []).map((name) => toMetric(name, v)),
    seed: v.seed ?? 42,
    generation: {
      temperature: v.temperature ?? 0,
      top_p: v.top_p ?? 1,
      max_tokens: v.max_tokens ?? 64,
      system_prompt: blank(v.system_prompt),
    },
  };
  const useBenchmark = !usePrompts && v.data_source === "benchmark";
  if (usePrompts) input.prompts = prompts;
  else if (useBenchmark) input.benchmark_id = blank(v.benchmark_id);
  else input.dataset_version_id = blank(v.dataset_version_id);
  if (!usePrompts) {
    input.prompt_field = blank(v.prompt_field);
    input.reference_field = blank(v.reference_field);
    input.slice_field = blank(v.slice_field);
  }
  if (v.sample_limit) input.sample_limit = v.sample_limit;
  return JSON.parse(JSON.stringify(input)) as CreateInput;
}

/** A server field path (`targets.0.model_id`, `metrics.1.pattern`, `generation.temperature`) as the form's field and step. */
export function fieldOf(path: string, v: WizardValues): { name: (string | number)[]; step: StepKey } {
  const parts = path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const [head, index, leaf] = parts;
  if (head === "kind" || head === "name") return { name: [head], step: "kind" };
  if (head === "targets") {
    const i = typeof index === "number" ? index : 0;
    const field =
      typeof leaf === "string" ? leaf : v.targets[i]?.by === "service" ? "service_id" : "model_id";
    return { name: ["targets", i, field], step: "data" };
  }
  if (head === "prompts") return { name: ["prompts_text"], step: "data" };
  if (
    head === "dataset_version_id" ||
    head === "benchmark_id" ||
    head === "prompt_field" ||
    head === "reference_field"
  )
    return { name: [head], step: "data" };
  if (head === "metrics") {
    const metric = typeof index === "number" ? v.metrics[index] : undefined;
    const byOption: Record<string, string> = {
      normalization: "normalization",
      pattern: "regex_pattern",
      flags: "regex_flags",
      schema: "json_schema",
      judge_service_id: "judge_service_id",
      rubric: "judge_rubric",
    };
    const field = typeof leaf === "string" ? byOption[leaf] : undefined;
    return { name: [field && metric ? field : "metrics"], step: "data" };
  }
  if (head === "generation")
    return { name: [typeof index === "string" ? index : "temperature"], step: "params" };
  if (head === "sample_limit" || head === "seed" || head === "slice_field")
    return { name: [head], step: "params" };
  return { name: [], step: "params" };
}

/**
 * What picking a benchmark fills in: its metrics with their settings, sample limit and generation
 * parameters, shown in the form so the user sees (and may change) what the run will use. Its
 * dataset version and fields are the server's to fill in.
 */
export function valuesFromBenchmark(b: EvaluationBenchmark): Partial<WizardValues> {
  const normalized = b.metrics.find((m) => m.normalization)?.normalization;
  const regex = b.metrics.find((m) => m.name === "regex");
  const schema = b.metrics.find((m) => m.name === "json_schema")?.schema;
  const judge = b.metrics.find((m) => m.name === "judge");
  return {
    metrics: [...new Set(b.metrics.map((m) => m.name))],
    normalization: normalized
      ? (["lowercase", "strip_punctuation", "strip_articles"] as const).filter((k) => normalized[k])
      : [],
    regex_pattern: regex?.pattern,
    regex_flags: regex?.flags,
    json_schema: schema ? JSON.stringify(schema, null, 2) : undefined,
    judge_service_id: judge?.judge_service_id,
    judge_rubric: judge?.rubric,
    sample_limit: b.sample_limit,
    ...(b.generation
      ? {
          temperature: b.generation.temperature,
          top_p: b.generation.top_p,
          max_tokens: b.generation.max_tokens,
          system_prompt: b.generation.system_prompt,
        }
      : {}),
  };
}
