import type { CreateDatasetVersionInput, DatasetVersion } from "@infera/contracts";
import { keepValidRows } from "@infera/dataset-validation";
import { recordAudit } from "../audit/record-audit.js";
import type { ServiceContext } from "../shared/context.js";
import { withTransaction } from "../shared/transaction.js";
import { takeCompletedUpload } from "../uploads/take-completed-upload.js";
import { authorizeDataset } from "./dataset-access.js";
import { blobSources, resolveFiles } from "./dataset-files.js";
import { tokenizerFor } from "./dataset-tokenizers.js";
import { expectedFormat } from "./expected-format.js";
import { insertDatasetVersion, type NewVersion } from "./insert-dataset-version.js";
import { DatasetInvalidError, recordValidationRun } from "./record-validation-run.js";
import { DATASET_MAX_LINE_BYTES, runValidation } from "./run-validation.js";
import { loadDatasetVersionView } from "./to-dataset.js";

/**
 * A new immutable version from finished uploads (or stored blobs), concatenated in order. The files
 * are validated by streaming them before anything is written; any invalid row (or no valid row)
 * creates no version and answers DatasetInvalidError with the run (first 20 errors, full report),
 * unless `keep_valid_only` asks for a version of the valid rows only, recorded as such.
 */
export async function createDatasetVersion({
  ctx,
  datasetId,
  input,
}: {
  ctx: ServiceContext;
  datasetId: string;
  input: CreateDatasetVersionInput;
}): Promise<DatasetVersion> {
  const { dataset } = await authorizeDataset(ctx, "dataset.version.create", datasetId);
  const store = ctx.blobs;
  const files = await resolveFiles(ctx, dataset, input.files);
  const tokenizer = await tokenizerFor(ctx, input.base_model_version_id);
  const format = expectedFormat(dataset, input.format);
  const outcome = await runValidation(store, files, {
    tokenizer,
    format,
    maxLength: input.max_length ?? null,
  });
  const { report } = outcome;
  const keep = input.keep_valid_only && report.rows.valid > 0 && report.format !== null;
  if (!report.valid && !keep) {
    const run = await recordValidationRun(ctx, dataset, files, outcome);
    throw new DatasetInvalidError(
      report.rows.valid === 0
        ? `no valid rows: ${report.rows.invalid} invalid, ${report.rows.blank} blank line(s); no version was created`
        : `${report.rows.invalid} of ${report.rows.total} line(s) are invalid; no version was created (fix them, or send keep_valid_only: true)`,
      run,
    );
  }
  let versionFiles: NewVersion["files"] = files.map((f, i) => ({
    name: f.name,
    sha256: f.sha256,
    size: f.size,
    lines: report.files.find((x) => x.index === i)?.lines ?? 0,
  }));
  if (!report.valid) {
    // Keep-valid-only: the valid rows, as uploaded, become the version's one file.
    const kept = keepValidRows(blobSources(store, files), {
      format: report.format!,
      maxLineBytes: DATASET_MAX_LINE_BYTES,
    });
    const put = await store.put(kept);
    versionFiles = [
      { name: validName(files[0]!.name), sha256: put.sha256, size: put.size, lines: kept.kept },
    ];
  }
  return withTransaction(ctx, async (tx) => {
    const { dataset: locked } = await authorizeDataset(tx, "dataset.version.create", datasetId, {
      forUpdate: true,
    });
    for (const f of files)
      if (f.uploadId) await takeCompletedUpload(tx, { projectId: locked.projectId, uploadId: f.uploadId });
    const id = await insertDatasetVersion(tx, locked, {
      files: versionFiles,
      format: report.format!,
      report,
      reportSha256: report.valid ? null : outcome.reportSha256,
      keptValidOnly: !report.valid,
      droppedRows: report.rows.invalid,
      baseModelVersionId: input.base_model_version_id ?? null,
      maxLength: input.max_length ?? null,
    });
    const version = (await loadDatasetVersionView(tx.db, locked.projectId, id))!;
    await recordAudit(tx, {
      action: "dataset.version.create",
      resourceType: "dataset_version",
      resourceId: id,
      tenantId: locked.tenantId,
      projectId: locked.projectId,
      after: { ...version, schema: undefined },
    });
    return version;
  });
}

/** `train.jsonl` → `train.valid.jsonl`. */
function validName(name: string): string {
  const base = name.split("/").pop()!;
  return /\.jsonl$/i.test(base) ? base.replace(/\.jsonl$/i, ".valid.jsonl") : `${base}.valid.jsonl`;
}
