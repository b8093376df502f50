import type { DatasetFormat } from "@infera/contracts";
import { invalid } from "../shared/errors.js";
import type { DatasetRow } from "./dataset-access.js";

/** The format files must have: the dataset's (fixed by its first version) or the one asked for. */
export function expectedFormat(dataset: DatasetRow, asked: DatasetFormat | undefined): DatasetFormat | null {
  if (asked && dataset.format && asked !== dataset.format)
    throw invalid(
      `dataset "${dataset.name}" holds ${dataset.format} records; its versions cannot be ${asked}`,
      {
        dataset_format: dataset.format,
      },
    );
  return asked ?? dataset.format ?? null;
}
