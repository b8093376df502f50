import type {
  Dataset,
  DatasetVersion,
  FineTuneJobDetail,
  FineTuneJobEvent,
  FineTuneJobEventList,
  FineTuneJobEventType,
  FineTuneTemplate,
  Model,
  ModelVersion,
  ResourceClass,
} from "@infera/contracts";

const at = "2025-03-01T08:00:00.000Z";

/** Well-formed ids (the contracts check their shape). */
export const ids = {
  model: `mdl_${"0".repeat(25)}1`,
  version: `mv_${"0".repeat(25)}1`,
  version2: `mv_${"0".repeat(25)}2`,
  dataset: `ds_${"0".repeat(25)}1`,
  datasetVersion: `dsv_${"0".repeat(25)}1`,
  job: `ftj_${"0".repeat(25)}1`,
  template: `ftt_${"0".repeat(25)}1`,
};

/** A job as `GET /fine-tuning/jobs/{id}` answers it: queued, created a minute ago by usr_1. */
export function fineTuneJob(over: Partial<FineTuneJobDetail> = {}): FineTuneJobDetail {
  return {
    id: "ftj_1",
    tenant_id: "ten_1",
    project_id: "proj_1",
    name: "support-lora",
    status: "queued",
    config: {
      name: "support-lora",
      base_model: { model_id: ids.model, tag: "latest" },
      dataset_version_id: ids.datasetVersion,
      validation_split: 0.1,
      max_length: 256,
      stage: "sft",
      method: "lora",
      lora: { rank: 8, alpha: 16, dropout: 0, target_modules: ["attn_q", "attn_v"] },
      epochs: 1,
      batch_size: 8,
      learning_rate: 0.001,
      gradient_accumulation_steps: 1,
      weight_decay: 0,
      seed: 42,
      precision: "fp32",
      runtime: "reference",
      resource_class: "cpu-2",
      gpu_count: 0,
      ddp: false,
      checkpoint_interval_minutes: 10,
      output: { model_name: "support-tuned", move_latest: true },
      priority: 0,
    },
    base_model_id: ids.model,
    base_model_version_id: ids.version,
    dataset_id: ids.dataset,
    dataset_version_id: ids.datasetVersion,
    validation_dataset_version_id: null,
    stage: "sft",
    method: "lora",
    runtime: "reference",
    resource_class: "cpu-2",
    gpu_count: 0,
    priority: 0,
    output_model_id: null,
    output_model_name: "support-tuned",
    artifact_type: "adapter",
    result_model_version_id: null,
    final_metrics: null,
    queue_position: null,
    eta_seconds: null,
    wait_reason: null,
    node_id: null,
    failure: null,
    progress: null,
    attempt: 1,
    template_id: null,
    created_by: "usr_1",
    created_at: at,
    queued_at: at,
    started_at: null,
    finished_at: null,
    workspace_removed_at: null,
    updated_at: at,
    transitions: [{ seq: 1, from: null, to: "queued", reason: "created", actor_id: "usr_1", at }],
    ...over,
  };
}

export function resourceClass(over: Partial<ResourceClass> = {}): ResourceClass {
  return {
    name: "cpu-2",
    display_name: "CPU ×2",
    cpus: 2,
    memory_bytes: 4 * 1024 ** 3,
    gpu_model: null,
    gpu_count: 0,
    gpu_memory_bytes: null,
    hourly_price: 0.1,
    currency: "USD",
    enabled: true,
    created_at: at,
    updated_at: at,
    ...over,
  };
}

/** The base model the wizard offers (a project model with `latest` on mv_1). */
export function baseModel(over: Partial<Model> = {}): Model {
  return {
    id: ids.model,
    name: "infera-tiny",
    description: "",
    owner_type: "tenant",
    owner_id: "ten_1",
    tenant_id: "ten_1",
    project_id: "proj_1",
    visibility: "private",
    scope: "project",
    source: "",
    license: "apache-2.0",
    tags: [{ tag: "latest", version_id: ids.version }],
    latest_version_id: ids.version,
    latest_version: null,
    version_count: 1,
    created_by: "usr_1",
    created_at: at,
    updated_at: at,
    ...over,
  };
}

export function baseVersion(over: Partial<ModelVersion> = {}): ModelVersion {
  return {
    id: ids.version,
    model_id: ids.model,
    artifact_type: "full",
    format: "safetensors",
    formats: ["safetensors"],
    digest: "d".repeat(64),
    size: 4096,
    source: "upload",
    base_model_version_id: null,
    source_job_id: null,
    source_dataset_version_id: null,
    training_metrics: null,
    license: "",
    notes: "",
    metadata: {
      architecture: "llama",
      parameter_count: 1_050_000,
      context_length: 2048,
      quantization: null,
      chat_template: null,
      dtypes: ["F32"],
      files: {},
    },
    files: [{ path: "model.safetensors", sha256: "a".repeat(64), size: 4096, kind: "safetensors" }],
    tags: ["latest"],
    created_by: "usr_1",
    created_at: at,
    ...over,
  };
}

export function trainingVersion(over: Partial<DatasetVersion> = {}): DatasetVersion {
  return {
    id: ids.datasetVersion,
    dataset_id: ids.dataset,
    project_id: "proj_1",
    number: 1,
    format: "chat",
    shape: "chat",
    mapping: null,
    digest: "d".repeat(64),
    size: 4096,
    rows: 100,
    files: [{ name: "train.jsonl", sha256: "e".repeat(64), size: 4096, lines: 100, container: "jsonl" }],
    schema: {
      rows: 100,
      fields: [{ path: "messages", types: ["array"], rows: 100, presence: 1 }],
      truncated: false,
    },
    token_stats: null,
    validation: { total: 100, valid: 100, invalid: 0, blank: 0 },
    kept_valid_only: false,
    dropped_rows: 0,
    report_sha256: "c".repeat(64),
    report_href: `/api/v1/dataset-versions/${ids.datasetVersion}/validation-report`,
    base_model_version_id: null,
    max_length: 512,
    parent_version_id: null,
    split_role: null,
    split_params: null,
    created_by: "usr_1",
    created_at: at,
    ...over,
  };
}

export function trainingDataset(over: Partial<Dataset> = {}): Dataset {
  return {
    id: ids.dataset,
    tenant_id: "ten_1",
    project_id: "proj_1",
    name: "support-chats",
    description: "",
    format: "chat",
    shape: "chat",
    mapping: null,
    tags: [],
    latest_version_id: ids.datasetVersion,
    latest_version: null,
    version_count: 1,
    created_by: "usr_1",
    created_at: at,
    updated_at: at,
    ...over,
  };
}

/** One entry of a job's event log: `seq` s, the second `seq` after 08:00, attempt 1. */
export function jobEvent(
  seq: number,
  type: FineTuneJobEventType,
  data: Record<string, unknown>,
  over: Partial<FineTuneJobEvent> = {},
): FineTuneJobEvent {
  return { seq, attempt: 1, type, at: new Date(Date.parse(at) + seq * 1000).toISOString(), data, ...over };
}

/** A `metrics` entry at `step` (seq = step unless given). */
export const metricsEvent = (
  step: number,
  fields: Record<string, number>,
  over: Partial<FineTuneJobEvent> = {},
) => jobEvent(over.seq ?? step, "metrics", { step, ...fields }, over);

/** A `log` entry. */
export const logEvent = (seq: number, level: string, message: string, source?: string) =>
  jobEvent(seq, "log", source ? { level, message, source } : { level, message });

/**
 * `GET /fine-tuning/jobs/{id}/events` over a list of entries, as the server pages it: `after`,
 * `limit` and `type` honoured.
 */
export function eventsPage(
  all: readonly FineTuneJobEvent[],
  query: URLSearchParams,
): { body: FineTuneJobEventList } {
  const after = Number(query.get("after") ?? 0);
  const limit = Number(query.get("limit") ?? 200);
  const types = query.get("type")?.split(",");
  const data = all.filter((e) => e.seq > after && (!types || types.includes(e.type))).slice(0, limit);
  return { body: { data, next_after: data.length === limit ? (data.at(-1)?.seq ?? null) : null } };
}

/** A template as `GET /fine-tuning/templates/{id}` answers it: kept as given (no defaults filled in). */
export function fineTuneTemplate(over: Partial<FineTuneTemplate> = {}): FineTuneTemplate {
  return {
    id: ids.template,
    tenant_id: "ten_1",
    project_id: "proj_1",
    name: "lora-r32",
    description: "rank 32 for support chats",
    config: {
      base_model: { model_id: ids.model, tag: "latest" },
      dataset_version_id: ids.datasetVersion,
      epochs: 3,
      lora: { rank: 32, alpha: 64, dropout: 0, target_modules: ["attn_q", "attn_v"] },
      output: { model_name: "support-r32", move_latest: true },
    },
    created_by: "usr_1",
    created_at: at,
    updated_at: at,
    ...over,
  };
}
