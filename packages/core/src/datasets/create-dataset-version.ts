import type { CreateDatasetVersionInput, DatasetVersion } from "@infera/contracts";
import { keepValidRows, sourceColumns } from "@infera/dataset-validation";
import { recordAudit } from "../audit/record-audit.js";
import type { ServiceContext } from "../shared/context.js";
import { withTransaction } from "../shared/transaction.js";
import { takeCompletedUpload } from "../uploads/take-completed-upload.js";
import { authorizeDataset } from "./dataset-access.js";
import { blobSources, resolveFiles } from "./dataset-files.js";
import { derivedMapping, requestedReading, sameMapping, savedMappingNote } from "./dataset-reading.js";
import { tokenizerFor } from "./dataset-tokenizers.js";
import { insertDatasetVersion, type NewVersion } from "./insert-dataset-version.js";
import { DatasetInvalidError, recordValidationRun, SOURCE_COLUMN_RECORDS } from "./record-validation-run.js";
import { runValidation } from "./run-validation.js";
import { loadDatasetVersionView } from "./to-dataset.js";

/**
 * A new immutable version from finished uploads (or stored blobs), concatenated in order. The files
 * are validated by streaming them before anything is written; any invalid row (or no valid row)
 * creates no version and answers DatasetInvalidError with the run (first 20 errors, full report),
 * unless `keep_valid_only` asks for a version of the valid rows only, recorded as such.
 *
 * The files are read with the request's shape, container and mapping, else the dataset's saved
 * shape and mapping; the version records them (and each file's container). The dataset saves the
 * version's shape, and a mapping the request gave, for the versions after it.
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
  const { reading, mappingFrom } = requestedReading(dataset, input);
  const outcome = await runValidation(store, files, {
    tokenizer,
    reading,
    maxLength: input.max_length ?? null,
    ...(mappingFrom === "dataset" ? { mappingNote: savedMappingNote(dataset.name) } : {}),
  });
  const { report } = outcome;
  const mapping = reading.mapping ?? null;
  const keep = input.keep_valid_only && report.rows.valid > 0 && report.format !== null;
  if (!report.valid && !keep) {
    const columns = await sourceColumns(blobSources(store, files), SOURCE_COLUMN_RECORDS, reading);
    const run = await recordValidationRun(ctx, dataset, files, outcome, { mapping, columns, preview: [] });
    throw new DatasetInvalidError(
      report.rows.valid === 0
        ? `no valid rows: ${report.rows.invalid} invalid, ${report.rows.blank} blank line(s); no version was created`
        : `${report.rows.invalid} of ${report.rows.total} line(s) are invalid; no version was created (fix them, or send keep_valid_only: true)`,
      run,
    );
  }
  const shape = report.shape!;
  let versionFiles: NewVersion["files"] = files.map((f, i) => {
    const read = report.files.find((x) => x.index === i);
    return {
      name: f.name,
      sha256: f.sha256,
      size: f.size,
      lines: read?.lines ?? 0,
      container: read?.container ?? "jsonl",
    };
  });
  let versionMapping = mapping;
  if (!report.valid) {
    // Keep-valid-only: the valid rows become the version's one JSONL file (JSON records as
    // uploaded, table rows as mapped: see derivedMapping).
    const kept = keepValidRows(blobSources(store, files), { ...reading, shape });
    const put = await store.put(kept);
    versionMapping = derivedMapping(
      mapping,
      versionFiles.map((f) => f.container),
    );
    versionFiles = [
      {
        name: validName(files[0]!.name),
        sha256: put.sha256,
        size: put.size,
        lines: kept.kept,
        container: "jsonl",
      },
    ];
  }
  return withTransaction(ctx, async (tx) => {
    const { dataset: locked } = await authorizeDataset(tx, "dataset.version.create", datasetId, {
      forUpdate: true,
    });
    for (const f of files)
      if (f.uploadId) await takeCompletedUpload(tx, { projectId: locked.projectId, uploadId: f.uploadId });
    const saved = { shape: locked.shape, mapping: locked.mapping };
    const save = { shape, mapping: mappingFrom === "request" ? mapping : locked.mapping };
    const id = await insertDatasetVersion(tx, locked, {
      files: versionFiles,
      format: report.format!,
      shape,
      mapping: versionMapping,
      report,
      reportSha256: report.valid ? null : outcome.reportSha256,
      keptValidOnly: !report.valid,
      droppedRows: report.rows.invalid,
      baseModelVersionId: input.base_model_version_id ?? null,
      maxLength: input.max_length ?? null,
      saveOnDataset: save,
    });
    const version = (await loadDatasetVersionView(tx.db, locked.projectId, id))!;
    const changed = saved.shape !== save.shape || !sameMapping(saved.mapping, save.mapping);
    await recordAudit(tx, {
      action: "dataset.version.create",
      resourceType: "dataset_version",
      resourceId: id,
      tenantId: locked.tenantId,
      projectId: locked.projectId,
      // What the dataset saved for its next versions changed with this one: recorded with it.
      after: {
        ...version,
        schema: undefined,
        ...(changed ? { dataset_saved: { before: saved, after: save } } : {}),
      },
    });
    return version;
  });
}

/** `train.jsonl` → `train.valid.jsonl`; `qa.csv.gz` → `qa.csv.gz.valid.jsonl`. */
function validName(name: string): string {
  const base = name.split("/").pop()!;
  return /\.jsonl$/i.test(base) ? base.replace(/\.jsonl$/i, ".valid.jsonl") : `${base}.valid.jsonl`;
}
