import type { TokenizerPort } from "../../ports/tokenizer.js";
import type { RowTokens } from "./count-record-tokens.js";
import { type InferredSchema, SchemaInference } from "./infer-schema.js";
import { type ScanOptions, scanDataset } from "./scan-dataset.js";
import { type TokenStatistics, TokenStatisticsBuilder } from "./token-statistics.js";
import type { DatasetFormat, DatasetSources, RowError, ValidRow } from "./types.js";

export const FIRST_ERRORS = 20;

export interface ValidateDatasetOptions extends ScanOptions {
  /** Counts tokens of every valid row; without it the report has no token statistics. */
  tokenizer?: TokenizerPort;
  /** Rows longer than this (in tokens) are counted as over the max length. */
  maxLength?: number;
  /** Valid rows kept for the preview (default 20). */
  previewRows?: number;
  /** Every error, in order, e.g. to write the full report while validating (awaited: back-pressure). */
  onError?: (error: RowError) => void | Promise<void>;
  /** Every valid row with its token counts (when a tokenizer is given). */
  onValidRow?: (row: ValidRow, tokens: RowTokens | undefined) => void | Promise<void>;
}

export interface DatasetValidationReport {
  /** Detected (or expected) format; null when no line had the fields of a known format. */
  format: DatasetFormat | null;
  /** Usable as a version as is: at least one valid row and no invalid one. */
  valid: boolean;
  rows: {
    /** Every line, blank ones included. */
    total: number;
    valid: number;
    invalid: number;
    blank: number;
  };
  files: { index: number; name?: string; lines: number }[];
  /** The first 20 errors, in line order; `invalid` says how many there are in all. */
  errors: RowError[];
  errorsTruncated: boolean;
  /** Fields of the valid rows. */
  schema: InferredSchema;
  tokens: TokenStatistics | null;
  /** The first valid rows as parsed JSON (callers mask content for roles that may not read it). */
  preview: Record<string, unknown>[];
}

/** One streaming pass: validation, schema, token statistics and preview, in memory bounded by one line. */
export async function validateDataset(
  sources: DatasetSources,
  opts: ValidateDatasetOptions = {},
): Promise<DatasetValidationReport> {
  const schema = new SchemaInference();
  const tokens = opts.tokenizer ? new TokenStatisticsBuilder(opts.tokenizer, opts.maxLength) : undefined;
  const previewRows = opts.previewRows ?? 20;
  const preview: Record<string, unknown>[] = [];
  const errors: RowError[] = [];
  const files = new Map<number, { index: number; name?: string; lines: number }>();
  const rows = { total: 0, valid: 0, invalid: 0, blank: 0 };
  let format: DatasetFormat | null = opts.format ?? null;
  const fileSeen = (index: number, name?: string) => {
    let f = files.get(index);
    if (!f) {
      f = { index, ...(name !== undefined ? { name } : {}), lines: 0 };
      files.set(index, f);
    }
    f.lines++;
  };
  for await (const event of scanDataset(sources, opts)) {
    rows.total++;
    if (event.kind === "blank") {
      rows.blank++;
      fileSeen(event.file, event.fileName);
    } else if (event.kind === "error") {
      rows.invalid++;
      fileSeen(event.error.file, event.error.fileName);
      if (errors.length < FIRST_ERRORS) errors.push(event.error);
      await opts.onError?.(event.error);
    } else {
      const { row } = event;
      rows.valid++;
      fileSeen(row.file, row.fileName);
      format = row.record.format;
      schema.add(row.value);
      const counted = tokens?.add(row.record);
      if (preview.length < previewRows) preview.push(row.value);
      await opts.onValidRow?.(row, counted);
    }
  }
  return {
    format,
    valid: rows.valid > 0 && rows.invalid === 0,
    rows,
    files: [...files.values()].sort((a, b) => a.index - b.index),
    errors,
    errorsTruncated: rows.invalid > errors.length,
    schema: schema.result(),
    tokens: tokens ? tokens.result() : null,
    preview,
  };
}
