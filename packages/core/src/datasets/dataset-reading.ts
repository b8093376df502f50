import type {
  ColumnMapping,
  DatasetContainer,
  DatasetFormat,
  DatasetShape,
  ValidateDatasetVersionInput,
} from "@infera/contracts";
import { SHAPE_FORMAT } from "@infera/dataset-validation";
import { invalid } from "../shared/errors.js";
import type { DatasetRow, DatasetVersionRow } from "./dataset-access.js";
import { expectedFormat } from "./expected-format.js";

/**
 * The longest line a dataset row may be: longer lines are reported as line_too_long without being
 * held in memory, so one huge line cannot take the server's memory.
 */
export const DATASET_MAX_LINE_BYTES = 16 * 1024 * 1024;

/** How the files of a version are read: the engine's options, the same on every pass over them. */
export interface DatasetReading {
  /** The expected shape; undefined: the first record with the fields of a shape decides. */
  shape?: DatasetShape;
  /** Every file's container; undefined: detected per file. */
  container?: DatasetContainer;
  mapping?: ColumnMapping;
  maxLineBytes: number;
}

/** What a new version's request reads its files with, and where the mapping came from. */
export interface RequestedReading {
  reading: DatasetReading;
  /** The dataset's internal form, when it has one (fixed by its first version or at creation). */
  format: DatasetFormat | null;
  /** `request`: the request gave it; `dataset`: the mapping saved on the dataset; null: none. */
  mappingFrom: "request" | "dataset" | null;
}

/**
 * The reading of a new version's files: the request's shape, container and mapping, else the
 * dataset's saved shape and mapping. A shape whose internal form is not the dataset's is refused
 * before any byte is read. `mapping: {}` reads without a mapping (the saved one stays).
 */
export function requestedReading(
  dataset: DatasetRow,
  input: Pick<ValidateDatasetVersionInput, "format" | "shape" | "container" | "mapping">,
): RequestedReading {
  const format = expectedFormat(dataset, input.format);
  if (input.shape && format && SHAPE_FORMAT[input.shape] !== format)
    throw invalid(
      input.format
        ? `shape ${input.shape} gives ${SHAPE_FORMAT[input.shape]} records, not ${format}`
        : `dataset "${dataset.name}" holds ${format} records; shape ${input.shape} gives ${SHAPE_FORMAT[input.shape]} records`,
      { dataset_format: dataset.format, shape: input.shape },
    );
  // An explicit format alone asks for records in that internal form, as before shapes.
  const shape: DatasetShape | undefined =
    input.shape ?? input.format ?? dataset.shape ?? dataset.format ?? undefined;
  const mapping = input.mapping ?? dataset.mapping ?? undefined;
  const mappingFrom =
    input.mapping !== undefined
      ? nonEmpty(input.mapping)
        ? "request"
        : null
      : nonEmpty(mapping)
        ? "dataset"
        : null;
  return {
    format,
    mappingFrom,
    reading: {
      ...(shape ? { shape } : {}),
      ...(input.container ? { container: input.container } : {}),
      ...(nonEmpty(mapping) ? { mapping } : {}),
      maxLineBytes: DATASET_MAX_LINE_BYTES,
    },
  };
}

const nonEmpty = (m: ColumnMapping | null | undefined): m is ColumnMapping =>
  m !== null && m !== undefined && Object.keys(m).length > 0;

/**
 * The reading of a stored version's files, as they were validated: its shape and mapping, and the
 * container when every file has the same one (files of mixed containers are detected again, which
 * gives what detection gave the first time).
 */
export function versionReading(
  version: Pick<DatasetVersionRow, "shape" | "format" | "mapping">,
  files: readonly { container: DatasetContainer }[],
): DatasetReading {
  const containers = new Set(files.map((f) => f.container));
  const container = containers.size === 1 ? [...containers][0] : undefined;
  return {
    shape: version.shape ?? version.format,
    ...(container ? { container } : {}),
    ...(nonEmpty(version.mapping) ? { mapping: version.mapping } : {}),
    maxLineBytes: DATASET_MAX_LINE_BYTES,
  };
}

/**
 * The mapping a version made from another's valid rows (keep-valid-only, split) is read with: its
 * file is JSONL of the rows as uploaded for JSON files (still unmapped) and of the mapped rows for
 * tables. With table files only, the rows are mapped already and no mapping is kept.
 */
export function derivedMapping(
  mapping: ColumnMapping | null | undefined,
  containers: readonly DatasetContainer[],
): ColumnMapping | null {
  if (!nonEmpty(mapping)) return null;
  return containers.some((c) => c === "jsonl" || c === "json") ? mapping : null;
}

/** Says that a refused mapping is the dataset's saved one, and how to read without it. */
export const savedMappingNote = (name: string) =>
  `the mapping saved on dataset "${name}"; send a mapping, or {} to read the files without one`;

/** Same targets reading the same sources (key order aside: jsonb does not keep it). */
export function sameMapping(
  a: ColumnMapping | null | undefined,
  b: ColumnMapping | null | undefined,
): boolean {
  const ka = Object.keys(a ?? {});
  return ka.length === Object.keys(b ?? {}).length && ka.every((k) => b?.[k] === a?.[k]);
}
