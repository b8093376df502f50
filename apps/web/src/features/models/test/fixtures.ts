import type { GateResult, Model, ModelVersion, TagMoveResult } from "@infera/contracts";

const at = "2025-03-01T08:00:00.000Z";

/** A project's own model, as `GET /models/{id}` answers it. */
export function model(over: Partial<Model> = {}): Model {
  return {
    id: "mdl_1",
    name: "qwen-support",
    description: "",
    owner_type: "tenant",
    owner_id: "ten_1",
    tenant_id: "ten_1",
    project_id: "proj_1",
    visibility: "private",
    scope: "project",
    source: "",
    license: "apache-2.0",
    tags: [],
    latest_version_id: null,
    latest_version: null,
    version_count: 0,
    created_by: "usr_1",
    created_at: at,
    updated_at: at,
    ...over,
  };
}

export function modelVersion(over: Partial<ModelVersion> = {}): ModelVersion {
  return {
    id: "mv_1",
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
    tags: [],
    created_by: "usr_1",
    created_at: at,
    ...over,
  };
}

export const evaluationGate = (passed: boolean): GateResult => ({
  gate: "prod_requires_passing_evaluation",
  passed,
  reason: passed
    ? "a passing evaluation exists"
    : "the project requires a passing evaluation of mv_2 before it becomes prod",
});

export function tagMove(over: Partial<TagMoveResult> = {}): TagMoveResult {
  return {
    model_id: "mdl_1",
    tag: "prod",
    current_version_id: "mv_1",
    target_version_id: "mv_2",
    changed: true,
    dry_run: true,
    forced: false,
    gates: [evaluationGate(false)],
    history_id: null,
    ...over,
  };
}
