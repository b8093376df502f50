/** The datasets API's shapes, from the contracts (packages/contracts/src/datasets.ts). */
export type {
  Dataset,
  DatasetRowError,
  DatasetShape,
  DatasetValidation,
  DatasetVersion,
  TokenStatistics,
} from "@infera/contracts";

/** A version's inferred schema (the same shape on a version and on a validation). */
export type DatasetSchema = import("@infera/contracts").DatasetVersion["schema"];
