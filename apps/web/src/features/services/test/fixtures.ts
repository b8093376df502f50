import type {
  Model,
  ModelVersion,
  ProjectPolicies,
  ResourceClass,
  ServiceDetail,
  ServiceListItem,
} from "@infera/contracts";

const at = "2025-03-01T08:00:00.000Z";

/** Well-formed ids (the contracts check their shape). */
export const ids = {
  model: `mdl_${"0".repeat(25)}1`,
  version: `mv_${"0".repeat(25)}1`,
  adapter: `mv_${"0".repeat(25)}2`,
  revision: `rev_${"0".repeat(25)}1`,
  revision2: `rev_${"0".repeat(25)}2`,
};

/** A row of `GET /projects/{id}/services`: ready, llama.cpp, one revision with all traffic. */
export function serviceItem(over: Partial<ServiceListItem> = {}): ServiceListItem {
  return {
    id: "svc_1",
    tenant_id: "ten_1",
    project_id: "proj_1",
    name: "chat-assistant",
    description: "",
    env: "dev",
    exposure: "private",
    ip_allow_list: [],
    desired_state: "active",
    current_state: "ready",
    current_revision_id: ids.revision,
    model_version_id: ids.version,
    runtime: "llama.cpp",
    traffic: [{ revision_id: ids.revision, percent: 100 }],
    created_by: "usr_1",
    created_at: at,
    updated_at: at,
    replicas: { ready: 1, min: 1, max: 3 },
    ...over,
  };
}

/** `POST /projects/{id}/services`'s answer for a created service (revision 1 pending). */
export function serviceDetail(over: Partial<ServiceDetail> = {}): ServiceDetail {
  const { replicas: _, ...item } = serviceItem({ current_state: "pending" });
  return { ...item, revisions: [], replicas: [], ...over };
}

/** A model the project may serve, `latest` on mv_…1. */
export function servedModel(over: Partial<Model> = {}): Model {
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
    version_count: 2,
    created_by: "usr_1",
    created_at: at,
    updated_at: at,
    ...over,
  };
}

/** A GGUF version of 3 GiB (large for a 4 GiB class). */
export function ggufVersion(over: Partial<ModelVersion> = {}): ModelVersion {
  return {
    id: ids.version,
    model_id: ids.model,
    artifact_type: "full",
    format: "gguf",
    formats: ["gguf"],
    digest: "d".repeat(64),
    size: 3 * 1024 ** 3,
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
      quantization: "Q4_K_M",
      chat_template: null,
      dtypes: ["Q4_K"],
      files: {},
    },
    files: [{ path: "model.gguf", sha256: "a".repeat(64), size: 3 * 1024 ** 3, kind: "gguf" }],
    tags: ["latest"],
    created_by: "usr_1",
    created_at: at,
    ...over,
  };
}

/** The adapter a fine-tuning job registered, trained from `ggufVersion`. */
export function adapterVersion(over: Partial<ModelVersion> = {}): ModelVersion {
  return ggufVersion({
    id: ids.adapter,
    artifact_type: "adapter",
    size: 2 * 1024 ** 2,
    base_model_version_id: ids.version,
    source_job_id: "ftj_1",
    files: [{ path: "adapter.gguf", sha256: "b".repeat(64), size: 2 * 1024 ** 2, kind: "gguf" }],
    tags: [],
    ...over,
  });
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

/** `GET /projects/{id}/policies` with the defaults (scale to zero forbidden in Prod). */
export function policies(over: Partial<ProjectPolicies> = {}): ProjectPolicies {
  return {
    project_id: "proj_1",
    env: "dev",
    prod_disallow_scale_to_zero: true,
    prod_force_alerts: false,
    prod_no_playground_logging: false,
    viewers_cannot_view_logs: false,
    prod_requires_passing_evaluation: true,
    fine_tuning_own_jobs_only: false,
    fine_tuning_retention_days: 7,
    effective: {
      scale_to_zero_allowed: true,
      alerts_forced: false,
      playground_logging_allowed: true,
      viewers_can_view_logs: true,
    },
    updated_at: at,
    ...over,
  };
}
