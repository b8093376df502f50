import type {
  Model,
  ModelVersion,
  Price,
  ResourceClass,
  UsageFigures,
  UsageGroupRow,
  UsageReport,
  UsageSeriesPoint,
} from "@infera/contracts";

export const ids = {
  tenant: "ten_1",
  project: "proj_1",
  chat: "svc_chat",
  embed: "svc_embed",
  key: "key_0000000000000000000000000a",
  revision: "rev_0000000000000000000000000a",
  version: "mv_00000000000000000000000000a",
};

/** Figures of a bucket or group: `requests` calls, `errors` of them failed, `tokens` per call. */
export function figures(over: Partial<UsageFigures> = {}): UsageFigures {
  return {
    requests: 10,
    errors: 1,
    success_rate: 0.9,
    prompt_tokens: 600,
    completion_tokens: 400,
    total_tokens: 1000,
    latency_avg_ms: 250,
    latency_p95_ms: 800,
    ttft_avg_ms: 90,
    cost_estimate: 0.002,
    priced_requests: 10,
    ...over,
  };
}

export function groupRow(
  group: string | null,
  label: string,
  over: Partial<UsageFigures> = {},
): UsageGroupRow {
  return { group, label, ...figures(over) };
}

export function point(
  time: string,
  group: string | null,
  over: Partial<UsageFigures> = {},
): UsageSeriesPoint {
  return { time, group, ...figures(over) };
}

/**
 * A day of two services: chat-assistant (30 calls, 2 failed, 6 of them unpriced) and embedder
 * (10 calls); totals add the two up.
 */
export function serviceReport(over: Partial<UsageReport> = {}): UsageReport {
  return {
    from: "2026-12-03T10:00:00.000Z",
    to: "2026-12-04T10:00:00.000Z",
    group_by: "service",
    granularity: "hour",
    currency: "USD",
    totals: figures({
      requests: 40,
      errors: 2,
      success_rate: 0.95,
      prompt_tokens: 12_000,
      completion_tokens: 8_345,
      total_tokens: 20_345,
      latency_avg_ms: 212.4,
      latency_p95_ms: 950,
      cost_estimate: 1.2345,
      priced_requests: 34,
    }),
    groups: [
      groupRow(ids.chat, "chat-assistant", {
        requests: 30,
        errors: 2,
        success_rate: 28 / 30,
        total_tokens: 18_000,
        latency_avg_ms: 240,
        latency_p95_ms: 990,
        cost_estimate: 1.2,
        priced_requests: 24,
      }),
      groupRow(ids.embed, "embedder", {
        requests: 10,
        errors: 0,
        success_rate: 1,
        total_tokens: 2_345,
        latency_avg_ms: 130,
        latency_p95_ms: 300,
        cost_estimate: 0.0345,
      }),
    ],
    series: [
      point("2026-12-04T08:00:00.000Z", ids.chat, { requests: 20 }),
      point("2026-12-04T09:00:00.000Z", ids.chat, { requests: 10 }),
      point("2026-12-04T09:00:00.000Z", ids.embed, { requests: 10 }),
    ],
    status_codes: [
      { time: "2026-12-04T08:00:00.000Z", status_code: 200, requests: 19 },
      { time: "2026-12-04T08:00:00.000Z", status_code: 429, requests: 1 },
      { time: "2026-12-04T09:00:00.000Z", status_code: 200, requests: 19 },
      { time: "2026-12-04T09:00:00.000Z", status_code: 500, requests: 1 },
    ],
    ...over,
  };
}

export function emptyReport(over: Partial<UsageReport> = {}): UsageReport {
  return serviceReport({
    totals: figures({
      requests: 0,
      errors: 0,
      success_rate: null,
      prompt_tokens: 0,
      completion_tokens: 0,
      total_tokens: 0,
      latency_avg_ms: null,
      latency_p95_ms: null,
      ttft_avg_ms: null,
      cost_estimate: 0,
      priced_requests: 0,
    }),
    groups: [],
    series: [],
    status_codes: [],
    ...over,
  });
}

export function price(over: Partial<Price> = {}): Price {
  return {
    id: "prc_1",
    tenant_id: ids.tenant,
    subject_kind: "model_version",
    subject_id: ids.version,
    subject_label: "qwen-chat v3",
    input_per_million: 0.5,
    output_per_million: 1.5,
    per_hour: null,
    currency: "USD",
    updated_at: "2026-12-04T09:00:00.000Z",
    updated_by: "usr_1",
    ...over,
  };
}

const at = "2026-12-01T09:00:00.000Z";

export function model(over: Partial<Model> = {}): Model {
  return {
    id: "mdl_1",
    name: "qwen-chat",
    description: "",
    owner_type: "tenant",
    owner_id: ids.tenant,
    tenant_id: ids.tenant,
    project_id: ids.project,
    visibility: "private",
    scope: "project",
    source: "",
    license: "apache-2.0",
    tags: [],
    latest_version_id: null,
    latest_version: null,
    version_count: 1,
    created_by: "usr_1",
    created_at: at,
    updated_at: at,
    ...over,
  };
}

export function modelVersion(over: Partial<ModelVersion> = {}): ModelVersion {
  return {
    id: ids.version,
    model_id: "mdl_1",
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
      architecture: null,
      parameter_count: 1000,
      context_length: null,
      quantization: null,
      chat_template: null,
      dtypes: ["F32"],
      files: {},
    },
    files: [{ path: "model.safetensors", sha256: "a".repeat(64), size: 4096, kind: "safetensors" }],
    tags: ["prod"],
    created_by: "usr_1",
    created_at: at,
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
