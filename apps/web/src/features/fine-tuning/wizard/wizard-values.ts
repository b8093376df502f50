import {
  FINE_TUNE_DEFAULTS,
  FineTuneJobConfig,
  type FineTuneJobConfigInput,
  type FineTuneRecommendation,
  type LoraConfig,
  type TrainingMethod,
  type TrainingPrecision,
  type TrainingStage,
} from "@infera/contracts";

/**
 * The wizard's form values: the configuration's own fields (same names, so the contract's errors land
 * on them) plus what only the form needs (the model and dataset pickers, the validation choice).
 */
export interface WizardValues {
  name?: string;
  model_id?: string;
  /** `tag:<name>` or `version:<id>`. */
  base_ref?: string;
  dataset_id?: string;
  dataset_version_id?: string;
  validation_mode: "split" | "version";
  validation_split?: number | null;
  validation_dataset_version_id?: string;
  stage: TrainingStage;
  method: TrainingMethod;
  lora: Partial<LoraConfig>;
  epochs?: number | null;
  batch_size?: number | null;
  learning_rate?: number | null;
  gradient_accumulation_steps?: number | null;
  warmup_ratio?: number | null;
  warmup_steps?: number | null;
  weight_decay?: number | null;
  max_length?: number | null;
  seed?: number | null;
  precision: TrainingPrecision;
  output: { model_name?: string };
  resource_class?: string;
  gpu_count?: number | null;
  checkpoint_interval_minutes?: number | null;
  budget_gpu_hours?: number | null;
  priority?: number | null;
  /** Kept from an imported or cloned configuration; the wizard shows them, the user does not edit them. */
  carried: Partial<FineTuneJobConfigInput>;
}

/** Defaults of a new job: the contract's. */
export function defaultValues(): WizardValues {
  const d = FINE_TUNE_DEFAULTS;
  return {
    validation_mode: "split",
    validation_split: d.validation_split,
    stage: d.stage,
    method: d.method,
    lora: { rank: 8, alpha: 16, dropout: 0, target_modules: ["attn_q", "attn_v"] },
    epochs: d.epochs,
    batch_size: d.batch_size,
    learning_rate: d.learning_rate,
    gradient_accumulation_steps: d.gradient_accumulation_steps,
    weight_decay: d.weight_decay,
    max_length: d.max_length,
    seed: d.seed,
    precision: d.precision,
    output: {},
    resource_class: d.resource_class,
    gpu_count: d.gpu_count,
    checkpoint_interval_minutes: d.checkpoint_interval_minutes,
    priority: d.priority,
    carried: {},
  };
}

const given = <T>(v: T | null | undefined): v is T => v !== undefined && v !== null && v !== "";

/** Drops unset fields so that the contract's defaults apply to them. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => given(v))) as T;
}

/** The form's values as what `POST …/fine-tuning/jobs` takes. */
export function toConfig(v: WizardValues): FineTuneJobConfigInput {
  const [kind, ref] = splitRef(v.base_ref);
  const base_model =
    kind === "version"
      ? { version_id: ref }
      : compact({ model_id: v.model_id, tag: kind === "tag" ? ref : undefined });
  const name = v.name?.trim();
  return compact({
    ...v.carried,
    name: name || undefined,
    base_model,
    dataset_version_id: v.dataset_version_id,
    validation_split: v.validation_mode === "split" ? v.validation_split : undefined,
    validation_dataset_version_id:
      v.validation_mode === "version" ? v.validation_dataset_version_id : undefined,
    stage: v.stage,
    method: v.method,
    lora: v.method === "lora" ? compact(v.lora) : undefined,
    epochs: v.epochs,
    batch_size: v.batch_size,
    learning_rate: v.learning_rate,
    gradient_accumulation_steps: v.gradient_accumulation_steps,
    warmup_ratio: v.warmup_ratio,
    warmup_steps: v.warmup_steps,
    weight_decay: v.weight_decay,
    max_length: v.max_length,
    seed: v.seed,
    precision: v.precision,
    output: compact({ ...v.carried.output, model_name: v.output.model_name?.trim() || undefined }),
    resource_class: v.resource_class,
    gpu_count: v.gpu_count,
    checkpoint_interval_minutes: v.checkpoint_interval_minutes,
    budget: given(v.budget_gpu_hours) ? { gpu_hours: v.budget_gpu_hours } : v.carried.budget,
    priority: v.priority,
  }) as FineTuneJobConfigInput;
}

function splitRef(ref: string | undefined): ["tag" | "version" | null, string | undefined] {
  if (!ref) return [null, undefined];
  const i = ref.indexOf(":");
  const kind = ref.slice(0, i);
  return [kind === "tag" || kind === "version" ? kind : null, ref.slice(i + 1)];
}

/**
 * An exported (or cloned) configuration as form values. Fields the form has no control for (chat
 * template, system prompt, runtime, ddp, an output model id, a budget in money) are carried as they are.
 */
export function fromConfig(c: FineTuneJobConfig): WizardValues {
  const d = defaultValues();
  const { model_name, ...outputRest } = c.output;
  return {
    ...d,
    name: c.name,
    model_id: c.base_model.model_id,
    base_ref: c.base_model.version_id
      ? `version:${c.base_model.version_id}`
      : `tag:${c.base_model.tag ?? "latest"}`,
    dataset_version_id: c.dataset_version_id,
    validation_mode: c.validation_dataset_version_id ? "version" : "split",
    validation_split: c.validation_dataset_version_id
      ? d.validation_split
      : (c.validation_split ?? d.validation_split),
    validation_dataset_version_id: c.validation_dataset_version_id,
    stage: c.stage,
    method: c.method,
    lora: { ...c.lora },
    epochs: c.epochs,
    batch_size: c.batch_size,
    learning_rate: c.learning_rate,
    gradient_accumulation_steps: c.gradient_accumulation_steps,
    warmup_ratio: c.warmup_ratio,
    warmup_steps: c.warmup_steps,
    weight_decay: c.weight_decay,
    max_length: c.max_length,
    seed: c.seed,
    precision: c.precision,
    output: { model_name },
    resource_class: c.resource_class,
    gpu_count: c.gpu_count,
    checkpoint_interval_minutes: c.checkpoint_interval_minutes,
    budget_gpu_hours: c.budget?.gpu_hours,
    priority: c.priority,
    carried: compact({
      chat_template: c.chat_template,
      system_prompt: c.system_prompt,
      runtime: c.runtime === FINE_TUNE_DEFAULTS.runtime ? undefined : c.runtime,
      ddp: c.ddp || undefined,
      output: Object.keys(compact(outputRest)).length ? compact(outputRest) : undefined,
      budget: c.budget?.amount !== undefined ? c.budget : undefined,
    }),
  };
}

/**
 * The base version's recommended settings (`metadata.fine_tune_defaults`) over the form's: the
 * fields the recommendation names, LoRA merged field by field. What it leaves out stays as it was.
 */
export function withRecommendation(
  v: WizardValues,
  rec: FineTuneRecommendation | null | undefined,
): WizardValues {
  if (!rec) return v;
  const { note: _note, lora, ...fields } = rec;
  return {
    ...v,
    ...Object.fromEntries(Object.entries(fields).filter(([, x]) => x !== undefined)),
    lora: {
      ...v.lora,
      ...(lora ? Object.fromEntries(Object.entries(lora).filter(([, x]) => x !== undefined)) : {}),
    },
  };
}

/** The wizard's steps, in order, and the configuration fields each one edits. */
export const STEPS = ["base", "data", "config", "resources"] as const;
export type StepKey = (typeof STEPS)[number];

const stepOf: Record<string, StepKey> = {
  name: "base",
  base_model: "base",
  dataset_version_id: "data",
  validation_split: "data",
  validation_dataset_version_id: "data",
  chat_template: "config",
  system_prompt: "config",
  resource_class: "resources",
  gpu_count: "resources",
  ddp: "resources",
  runtime: "resources",
  checkpoint_interval_minutes: "resources",
  budget: "resources",
  priority: "resources",
};

export interface FieldIssue {
  /** The form field's name path. */
  name: (string | number)[];
  message: string;
  step: StepKey;
}

/** A configuration path (`lora.rank`, `base_model.tag`) as the form field that edits it. */
export function fieldFor(
  path: readonly PropertyKey[],
  v: Pick<WizardValues, "model_id">,
): FieldIssue["name"] {
  const [head, ...rest] = path.map((p) => (typeof p === "symbol" ? String(p) : p));
  if (head === "base_model") return v.model_id ? ["base_ref"] : ["model_id"];
  if (head === "budget") return ["budget_gpu_hours"];
  if (head === "output") return ["output", "model_name"];
  if (head === "lora" && rest.length) return ["lora", ...rest];
  return head === undefined ? [] : [head];
}

/** Maps one error to its field and step (the config step owns everything not listed). */
export function issueAt(path: readonly PropertyKey[], message: string, v: WizardValues): FieldIssue {
  const head = String(path[0] ?? "");
  return { name: fieldFor(path, v), message, step: stepOf[head] ?? "config" };
}

/** The contract's verdict on the form's values, as field errors. */
export function checkValues(v: WizardValues): FieldIssue[] {
  const parsed = FineTuneJobConfig.safeParse(toConfig(v));
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => issueAt(i.path, i.message, v));
}
