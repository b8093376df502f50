import type { DatasetValidation, ValidateDatasetVersionInput } from "@infera/contracts";
import { normalizedRecord, previewRows, sourceColumns } from "@infera/dataset-validation";
import type { ServiceContext } from "../shared/context.js";
import { authorizeDataset } from "./dataset-access.js";
import { blobSources, resolveFiles } from "./dataset-files.js";
import { requestedReading, savedMappingNote } from "./dataset-reading.js";
import { tokenizerFor } from "./dataset-tokenizers.js";
import { recordValidationRun, SOURCE_COLUMN_RECORDS } from "./record-validation-run.js";
import { runValidation } from "./run-validation.js";

/** Records in the dry run's preview of the mapped records. */
const PREVIEW_RECORDS = 5;
/** A preview record larger than this (as JSON, before and after normalizing) is left out. */
const PREVIEW_RECORD_BYTES = 32 * 1024;

/**
 * The wizard's dry run: validates the uploaded files (nothing is taken, no version is made) and
 * keeps the result as a validation run whose full error report can be downloaded. The answer also
 * carries the files' columns (what a mapping may read) and the first records as mapped and in the
 * internal form, so the mapping can be changed before a version is made.
 */
export async function validateDatasetVersion({
  ctx,
  datasetId,
  input,
}: {
  ctx: ServiceContext;
  datasetId: string;
  input: ValidateDatasetVersionInput;
}): Promise<DatasetValidation> {
  const { dataset } = await authorizeDataset(ctx, "dataset.version.validate", datasetId);
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
  const sources = blobSources(store, files);
  const columns = await sourceColumns(sources, SOURCE_COLUMN_RECORDS, reading);
  const { report } = outcome;
  const rows =
    report.rows.valid > 0 && report.shape
      ? await previewRows(sources, PREVIEW_RECORDS, { ...reading, shape: report.shape })
      : [];
  const preview = rows.flatMap((r) => {
    const normalized = normalizedRecord(r.record);
    const size = JSON.stringify(r.value).length + JSON.stringify(normalized).length;
    return size > PREVIEW_RECORD_BYTES
      ? []
      : [{ line: r.line, file_name: r.fileName ?? null, file_line: r.fileLine, value: r.value, normalized }];
  });
  return recordValidationRun(ctx, dataset, files, outcome, {
    mapping: reading.mapping ?? null,
    columns,
    preview,
  });
}
