import type { DatasetValidation } from "@infera/contracts";
import type { ServiceContext } from "../shared/context.js";
import { authorizeValidationRun } from "./dataset-access.js";
import { toDatasetValidation } from "./record-validation-run.js";

/** A validation run's summary (first errors, counts, schema, token statistics), while it is kept. */
export async function getValidationRun({
  ctx,
  runId,
}: {
  ctx: ServiceContext;
  runId: string;
}): Promise<DatasetValidation> {
  const { run } = await authorizeValidationRun(ctx, "dataset.version.read", runId);
  return toDatasetValidation(run);
}
