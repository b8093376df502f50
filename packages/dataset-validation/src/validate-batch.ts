import type { ColumnMapping } from "./column-mapping.js";
import { countRecordTokens } from "./count-record-tokens.js";
import { SchemaInference, type SchemaSnapshot } from "./infer-schema.js";
import { LineScanner } from "./line-scanner.js";
import type { RawLine } from "./read-lines.js";
import type { DatasetShape } from "./shapes/shape.js";
import type { TokenizerPort } from "./tokenizer-port.js";
import type { RowError } from "./types.js";

/**
 * Consecutive lines of one file, packed for a worker thread: line i is
 * `bytes.subarray(ends[i - 1] ?? 0, ends[i])`, or was dropped when `lengths[i] > maxLineBytes`.
 */
export interface LineBatch {
  file: number;
  fileName?: string;
  /** Line and file line of the first line (1-based). */
  line: number;
  fileLine: number;
  bytes: Uint8Array;
  ends: Uint32Array;
  /** Each line's length in bytes (a dropped line's too). */
  lengths: Float64Array;
  /** JSON array elements instead of JSONL lines: where each starts, and the first one's index. */
  array?: { fileLines: Uint32Array; firstIndex: number };
  /**
   * CSV rows instead of JSONL lines: each "line" is one row's text (split into fields here, by
   * `columns`, the file's header); `fileLines` is where each row starts.
   */
  table?: { fileLines: Uint32Array; columns: readonly string[] };
  shape: DatasetShape;
  mapping?: ColumnMapping;
  maxLineBytes: number;
  /** Valid rows wanted for the preview, at most. */
  preview: number;
}

export interface BatchResult {
  blank: number;
  valid: number;
  /** Every error, in line order, numbered as in the whole dataset. */
  errors: RowError[];
  /** Prompt and completion tokens of each valid row, in order (empty without a tokenizer). */
  tokens: Int32Array;
  schema: SchemaSnapshot;
  preview: Record<string, unknown>[];
}

/**
 * The checks, schema and token counts of one batch: what the sequential pass does for these lines,
 * given the shape already decided. Runs in a worker thread; the caller merges results in order.
 */
export function validateBatch(batch: LineBatch, tokenizer: TokenizerPort | undefined): BatchResult {
  const scanner = new LineScanner({
    shape: batch.shape,
    maxLineBytes: batch.maxLineBytes,
    ...(batch.mapping ? { mapping: batch.mapping } : {}),
  });
  // Every path is kept here: the merge applies the field limit in dataset order.
  const schema = new SchemaInference(Number.POSITIVE_INFINITY);
  const errors: RowError[] = [];
  const preview: Record<string, unknown>[] = [];
  const counts: number[] = [];
  let blank = 0;
  let valid = 0;
  let start = 0;
  for (let i = 0; i < batch.ends.length; i++) {
    const end = batch.ends[i]!;
    const length = batch.lengths[i]!;
    const bytes = length > batch.maxLineBytes ? undefined : batch.bytes.subarray(start, end);
    const raw: RawLine = batch.table
      ? {
          line: batch.line + i,
          file: batch.file,
          fileName: batch.fileName,
          fileLine: batch.table.fileLines[i]!,
          bytes,
          length,
          container: "csv",
          csvColumns: batch.table.columns,
        }
      : {
          line: batch.line + i,
          file: batch.file,
          fileName: batch.fileName,
          fileLine: batch.array ? batch.array.fileLines[i]! : batch.fileLine + i,
          bytes,
          length,
          ...(batch.array ? { container: "json" as const, index: batch.array.firstIndex + i } : {}),
        };
    start = end;
    const event = scanner.scan(raw);
    if (event.kind === "blank") blank++;
    else if (event.kind === "error") errors.push(event.error);
    else {
      valid++;
      schema.add(event.row.value);
      if (tokenizer) {
        const t = countRecordTokens(tokenizer, event.row.record);
        counts.push(t.prompt, t.completion);
      }
      if (preview.length < batch.preview) preview.push(event.row.value);
    }
  }
  return { blank, valid, errors, tokens: Int32Array.from(counts), schema: schema.snapshot(), preview };
}
