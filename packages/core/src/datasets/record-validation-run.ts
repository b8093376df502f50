import type { ColumnMapping, DatasetValidation } from "@infera/contracts";
import { tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import type { ServiceContext } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { newId } from "../shared/ids.js";
import { iso } from "../shared/pagination.js";
import { withTransaction } from "../shared/transaction.js";
import type { DatasetRow } from "./dataset-access.js";
import type { ResolvedFile } from "./dataset-files.js";
import { toWireError, type ValidationOutcome } from "./run-validation.js";

/** Records whose keys make a validation's `columns` (what a mapping may read). */
export const SOURCE_COLUMN_RECORDS = 20;

/** How long a validation run and its report stay downloadable. */
export const VALIDATION_RUN_DAYS = 7;

export const runReportHref = (runId: string) => `/api/v1/dataset-validation-runs/${runId}/report`;

/**
 * Files that do not make a version: `unprocessable_content` (the request was well formed, the data is
 * what failed), `details` is the run (first errors, counts, report link).
 */
export class DatasetInvalidError extends DomainError {
  constructor(
    message: string,
    readonly validation: DatasetValidation,
  ) {
    super("unprocessable_content", message, validation);
  }
}

export function toDatasetValidation(run: {
  id: string;
  datasetId: string;
  summary: Record<string, unknown>;
  reportSha256: string | null;
  createdAt: Date;
  expiresAt: Date;
}): DatasetValidation {
  const s = run.summary as Summary;
  // Runs kept from before shapes and containers (JSONL of the four formats) lack their fields.
  return {
    validation_run_id: run.id,
    dataset_id: run.datasetId,
    ...s,
    shape: s.shape ?? s.format,
    mapping: s.mapping ?? null,
    files: s.files.map((f) => ({ ...f, container: f.container ?? "jsonl" })),
    errors: s.errors.map((e) => ({ ...e, index: e.index ?? null, container: e.container ?? "jsonl" })),
    columns: s.columns ?? [],
    preview: s.preview ?? [],
    report_href: run.reportSha256 ? runReportHref(run.id) : null,
    report_sha256: run.reportSha256,
    expires_at: iso(run.expiresAt),
    created_at: iso(run.createdAt),
  };
}

type Stored<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;
type Summary = Omit<
  Stored<DatasetValidation, "shape" | "mapping" | "columns" | "preview">,
  | "validation_run_id"
  | "dataset_id"
  | "report_href"
  | "report_sha256"
  | "expires_at"
  | "created_at"
  | "files"
  | "errors"
> & {
  files: Stored<DatasetValidation["files"][number], "container">[];
  errors: Stored<DatasetValidation["errors"][number], "index" | "container">[];
};

/** What a validation adds to the engine's report: the mapping, the source columns and (dry runs) the first mapped records. */
export interface ValidationExtras {
  mapping: ColumnMapping | null;
  columns: string[];
  /** Answered, not kept with the run. */
  preview: DatasetValidation["preview"];
}

/** Keeps what a validation found (and its report blob) as a run, with its audit event. */
export async function recordValidationRun(
  ctx: ServiceContext,
  dataset: DatasetRow,
  files: ResolvedFile[],
  outcome: ValidationOutcome,
  extras: ValidationExtras,
): Promise<DatasetValidation> {
  const { report } = outcome;
  const now = ctx.now();
  const run = {
    id: newId("datasetValidationRun"),
    datasetId: dataset.id,
    files: files.map((f) => ({ name: f.name, sha256: f.sha256, size: f.size, upload_id: f.uploadId })),
    summary: {
      valid: report.valid,
      format: report.format,
      shape: report.shape,
      mapping: extras.mapping,
      rows: report.rows,
      files: report.files.map((f) => ({
        index: f.index,
        name: f.name ?? files[f.index]?.name ?? "",
        lines: f.lines,
        container: f.container,
      })),
      columns: extras.columns,
      errors: report.errors.map(toWireError),
      errors_truncated: report.errorsTruncated,
      schema: report.schema,
      token_stats: report.tokens ? wireTokens(report.tokens) : null,
    },
    reportSha256: outcome.reportSha256,
    createdBy: ctx.principal.type === "user" ? ctx.principal.userId : null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + VALIDATION_RUN_DAYS * 86_400_000),
  };
  const view = toDatasetValidation(run);
  await withTransaction(ctx, async (tx) => {
    await tx.db.insert(tables.datasetValidationRuns).values(run);
    await recordAudit(tx, {
      action: "dataset.version.validate",
      resourceType: "dataset_validation_run",
      resourceId: run.id,
      tenantId: dataset.tenantId,
      projectId: dataset.projectId,
      after: { ...view, errors: undefined, schema: undefined, preview: undefined },
    });
  });
  // Records' content is answered to the caller only, never kept with the run (a run is read with
  // dataset.version.read, which roles without access to content have).
  return { ...view, preview: extras.preview };
}

/** The validation engine's token statistics in the API's snake_case. */
export function wireTokens(t: NonNullable<ValidationOutcome["report"]["tokens"]>) {
  return {
    tokenizer: t.tokenizer,
    rows: t.rows,
    prompt: t.prompt,
    completion: t.completion,
    total: t.total,
    max_length: t.maxLength,
    rows_over_max_length: t.rowsOverMaxLength,
    truncated_tokens: t.truncatedTokens,
  };
}
