import type { Dataset, DatasetValidation, DatasetVersion, TokenStatistics } from "../types";

const at = "2025-03-01T08:00:00.000Z";

const dist = (sum: number, mean: number, p50: number, p95: number, max: number) => ({
  rows: 3,
  sum,
  mean,
  min: 1,
  p50,
  p95,
  max,
  exact: true,
});

export function tokenStats(over: Partial<TokenStatistics> = {}): TokenStatistics {
  return {
    tokenizer: { id: "o200k_base", name: "o200k_base (default BPE)" },
    rows: 3,
    prompt: dist(1234, 411.3, 400, 620, 655),
    completion: dist(300, 100, 90, 150, 161),
    total: dist(1534, 511.3, 490, 770, 816),
    max_length: 512,
    rows_over_max_length: 2,
    truncated_tokens: 410,
    ...over,
  };
}

export const schema = {
  rows: 3,
  fields: [
    { path: "messages", types: ["array"], rows: 3, presence: 1 },
    { path: "messages[].role", types: ["string"], rows: 3, presence: 1 },
    { path: "id", types: ["number", "string"], rows: 2, presence: 2 / 3 },
  ],
  truncated: false,
};

export function validation(over: Partial<DatasetValidation> = {}): DatasetValidation {
  const errors = Array.from({ length: 20 }, (_, i) => ({
    line: 3 + i * 2,
    file: 0,
    file_name: "train.jsonl",
    file_line: 3 + i * 2,
    index: null,
    container: "jsonl" as const,
    column: i === 0 ? 14 : null,
    code: i === 0 ? ("invalid_json" as const) : ("invalid_record" as const),
    message:
      i === 0
        ? "Unexpected token } in JSON"
        : `messages[1].role must be one of system, user, assistant, tool (got "bot${i}")`,
  }));
  return {
    validation_run_id: "dsvr_1",
    dataset_id: "ds_1",
    valid: false,
    format: "chat",
    shape: "chat",
    mapping: null,
    rows: { total: 130, valid: 100, invalid: 25, blank: 5 },
    files: [{ index: 0, name: "train.jsonl", lines: 130, container: "jsonl" }],
    columns: ["messages", "id"],
    preview: [],
    errors,
    errors_truncated: true,
    schema,
    token_stats: tokenStats(),
    report_href: "/api/v1/dataset-validation-runs/dsvr_1/report",
    report_sha256: "c".repeat(64),
    expires_at: at,
    created_at: at,
    ...over,
  };
}

export function datasetVersion(over: Partial<DatasetVersion> = {}): DatasetVersion {
  return {
    id: "dsv_01hzzzzzzzzzzzzzzzzzzzzzz1",
    dataset_id: "ds_1",
    project_id: "proj_1",
    number: 2,
    format: "chat",
    shape: "chat",
    mapping: null,
    digest: "d".repeat(64),
    size: 4096,
    rows: 100,
    files: [
      { name: "train.valid.jsonl", sha256: "e".repeat(64), size: 4096, lines: 100, container: "jsonl" },
    ],
    schema,
    token_stats: tokenStats(),
    validation: { total: 130, valid: 100, invalid: 25, blank: 5 },
    kept_valid_only: true,
    dropped_rows: 25,
    report_sha256: "c".repeat(64),
    report_href: "/api/v1/dataset-versions/dsv_01hzzzzzzzzzzzzzzzzzzzzzz1/validation-report",
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

export function dataset(over: Partial<Dataset> = {}): Dataset {
  const v = datasetVersion();
  return {
    id: "ds_1",
    tenant_id: "ten_1",
    project_id: "proj_1",
    name: "support-chats",
    description: "",
    format: "chat",
    shape: "chat",
    mapping: null,
    tags: [],
    latest_version_id: v.id,
    latest_version: {
      id: v.id,
      number: v.number,
      digest: v.digest,
      rows: v.rows,
      prompt_tokens: 1234,
      total_tokens: 1534,
      schema_fields: 3,
      created_at: at,
    },
    version_count: 2,
    created_by: "usr_1",
    created_at: at,
    updated_at: at,
    ...over,
  };
}
