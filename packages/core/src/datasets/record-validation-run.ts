import type { DatasetValidation } from "@infera/contracts";
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
  const s = run.summary as Omit<
    DatasetValidation,
    "validation_run_id" | "dataset_id" | "report_href" | "report_sha256" | "expires_at" | "created_at"
  >;
  return {
    validation_run_id: run.id,
    dataset_id: run.datasetId,
    ...s,
    report_href: run.reportSha256 ? runReportHref(run.id) : null,
    report_sha256: run.reportSha256,
    expires_at: iso(run.expiresAt),
    created_at: iso(run.createdAt),
  };
}

/** Keeps what a validation found (and its report blob) as a run, with its audit event. */
export async function recordValidationRun(
  ctx: ServiceContext,
  dataset: DatasetRow,
  files: ResolvedFile[],
  outcome: ValidationOutcome,
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
      rows: report.rows,
      files: report.files.map((f) => ({
        index: f.index,
        name: f.name ?? files[f.index]?.name ?? "",
        lines: f.lines,
      })),
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
      after: { ...view, errors: undefined, schema: undefined },
    });
  });
  return view;
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
