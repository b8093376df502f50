import type { DatasetValidation, ValidateDatasetVersionInput } from "@infera/contracts";
import type { ServiceContext } from "../shared/context.js";
import { authorizeDataset } from "./dataset-access.js";
import { resolveFiles } from "./dataset-files.js";
import { tokenizerFor } from "./dataset-tokenizers.js";
import { expectedFormat } from "./expected-format.js";
import { recordValidationRun } from "./record-validation-run.js";
import { runValidation } from "./run-validation.js";

/**
 * The wizard's dry run: validates the uploaded files (nothing is taken, no version is made) and
 * keeps the result as a validation run whose full error report can be downloaded.
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
  const outcome = await runValidation(store, files, {
    tokenizer,
    format: expectedFormat(dataset, input.format),
    maxLength: input.max_length ?? null,
  });
  return recordValidationRun(ctx, dataset, files, outcome);
}
