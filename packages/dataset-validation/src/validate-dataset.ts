import { availableParallelism } from "node:os";
import type { RowTokens } from "./count-record-tokens.js";
import { type InferredSchema, SchemaInference } from "./infer-schema.js";
import { LineScanner, type ScanEvent, type ScanOptions } from "./line-scanner.js";
import { DEFAULT_MAX_LINE_BYTES, type RawLine } from "./read-lines.js";
import { readRecords } from "./read-records.js";
import { type DatasetShape, SHAPE_FORMAT } from "./shapes/shape.js";
import { type TokenStatistics, TokenStatisticsBuilder } from "./token-statistics.js";
import type { TokenizerPort } from "./tokenizer-port.js";
import type { DatasetContainer, DatasetFormat, DatasetSources, RowError, ValidRow } from "./types.js";
import { type BatchResult, type LineBatch, validateBatch } from "./validate-batch.js";
import { ValidationWorkerPool } from "./worker-pool.js";

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
  /**
   * Worker threads for parsing, checks and token counts once the dataset is past its first
   * megabytes (default: one per core, at most 4; 0 = all on this thread). The report is the same
   * either way. Used only without `onValidRow` and with a tokenizer that has a `recipe` (or none).
   */
  workers?: number;
}

export interface DatasetValidationReport {
  /** The internal form the records map onto (detected or expected); null when no record had the fields of a known shape. */
  format: DatasetFormat | null;
  /** The records' shape as uploaded (detected or expected); null like `format`. */
  shape: DatasetShape | null;
  /** Usable as a version as is: at least one valid row and no invalid one. */
  valid: boolean;
  rows: {
    /** Every line, blank ones included. */
    total: number;
    valid: number;
    invalid: number;
    blank: number;
  };
  /** Per file: its container and its records (`lines`: JSONL lines, blank ones included, or records). */
  files: { index: number; name?: string; container: DatasetContainer; lines: number }[];
  /** The first 20 errors, in line order; `invalid` says how many there are in all. */
  errors: RowError[];
  errorsTruncated: boolean;
  /** Fields of the valid rows. */
  schema: InferredSchema;
  tokens: TokenStatistics | null;
  /** The first valid rows as parsed JSON (callers mask content for roles that may not read it). */
  preview: Record<string, unknown>[];
}

/** Lines checked on this thread before workers start: small datasets never pay their start-up. */
const PARALLEL_AFTER_BYTES = 4 * 1024 * 1024;
/** Bytes of lines per worker batch. */
const BATCH_BYTES = 1024 * 1024;

/** One streaming pass: validation, schema, token statistics and preview, in bounded memory. */
export async function validateDataset(
  sources: DatasetSources,
  opts: ValidateDatasetOptions = {},
): Promise<DatasetValidationReport> {
  const report = new ReportBuilder(opts);
  const scanner = new LineScanner(opts);
  const maxLineBytes = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const workers = opts.workers ?? Math.min(4, availableParallelism());
  const parallel =
    workers > 0 && !opts.onValidRow && (!opts.tokenizer || opts.tokenizer.recipe !== undefined);
  if (!parallel) {
    for await (const raw of readRecords(sources, opts)) await report.event(scanner.scan(raw));
    return report.result();
  }
  let pool: ValidationWorkerPool | undefined;
  let batch: BatchBuilder | undefined;
  let heldBytes = 0;
  // Batches made before the workers start (the first PARALLEL_AFTER_BYTES), then batches in
  // flight; merged strictly in order. A few per worker keep them busy with memory bounded.
  const queue: { batch: LineBatch; lines: number; result?: Promise<BatchResult> }[] = [];
  const send = (entry: (typeof queue)[number]) => {
    entry.result = pool!.run(entry.batch);
    entry.result.catch(() => {}); // awaited in order below; never unhandled meanwhile
  };
  const mergeOldest = async () => {
    const { batch: sent, lines, result } = queue.shift()!;
    // Without workers (a small dataset) the batch is checked here, with the caller's tokenizer.
    await report.batch(sent, lines, result ? await result : validateBatch(sent, opts.tokenizer));
  };
  const close = async () => {
    if (!batch) return;
    const lines = batch.lines;
    const entry = {
      batch: batch.done(scanner.shape!, opts.mapping, maxLineBytes, report.previewWanted()),
      lines,
    };
    heldBytes += batch.bytes;
    batch = undefined;
    queue.push(entry);
    if (!pool && heldBytes >= PARALLEL_AFTER_BYTES) {
      pool = await ValidationWorkerPool.start(workers, opts.tokenizer?.recipe);
      for (const e of queue) send(e);
    } else if (pool) send(entry);
    while (pool && queue.length > workers * 2) await mergeOldest();
  };
  try {
    for await (const raw of readRecords(sources, opts)) {
      if (raw.value !== undefined || raw.problem !== undefined) {
        // Parquet rows and unreadable containers are checked on this thread, after every batch
        // before them is merged. (CSV rows are bytes with their header, batched like lines: their
        // fields are split in the workers.)
        await close();
        while (queue.length > 0) await mergeOldest();
        await report.event(scanner.scan(raw));
        continue;
      }
      if (scanner.shape === undefined) {
        // Until a record decides the format, lines are checked here (none of them is valid, so no
        // token is counted here); the deciding line and the rest go in batches with the format fixed.
        const probe = new LineScanner(opts);
        const event = probe.scan(raw);
        if (probe.shape === undefined) {
          await report.event(event);
          continue;
        }
        scanner.shape = probe.shape;
      }
      if (batch && (batch.file !== raw.file || batch.bytes >= BATCH_BYTES)) await close();
      batch ??= new BatchBuilder(raw, pool?.takeBuffer(BATCH_BYTES));
      batch.add(raw);
    }
    await close();
    while (queue.length > 0) await mergeOldest();
  } finally {
    await pool?.close();
  }
  return report.result();
}

/** Lines of one file copied into one buffer (the line reader may reuse its chunks). */
class BatchBuilder {
  readonly file: number;
  private readonly first: RawLine;
  private buffer: Uint8Array;
  private readonly ends: number[] = [];
  get lines(): number {
    return this.ends.length;
  }
  private readonly lengths: number[] = [];
  /** Start lines of JSON array elements and CSV rows (empty for JSONL). */
  private readonly fileLines: number[] = [];
  bytes = 0;

  constructor(first: RawLine, buffer?: Uint8Array) {
    this.buffer = buffer ?? new Uint8Array(BATCH_BYTES + 64 * 1024);
    this.first = first;
    this.file = first.file;
  }

  add(raw: RawLine): void {
    if (raw.bytes) {
      if (this.bytes + raw.bytes.length > this.buffer.length) {
        const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.bytes + raw.bytes.length));
        grown.set(this.buffer.subarray(0, this.bytes));
        this.buffer = grown;
      }
      this.buffer.set(raw.bytes, this.bytes);
      this.bytes += raw.bytes.length;
    }
    this.ends.push(this.bytes);
    this.lengths.push(raw.length);
    if (raw.container === "json" || raw.container === "csv") this.fileLines.push(raw.fileLine);
  }

  done(
    shape: DatasetShape,
    mapping: ScanOptions["mapping"],
    maxLineBytes: number,
    preview: number,
  ): LineBatch {
    return {
      file: this.first.file,
      ...(this.first.fileName !== undefined ? { fileName: this.first.fileName } : {}),
      line: this.first.line,
      fileLine: this.first.fileLine,
      bytes: this.buffer,
      ends: Uint32Array.from(this.ends),
      lengths: Float64Array.from(this.lengths),
      ...(this.first.container === "json"
        ? { array: { fileLines: Uint32Array.from(this.fileLines), firstIndex: this.first.index! } }
        : {}),
      ...(this.first.csvColumns
        ? { table: { fileLines: Uint32Array.from(this.fileLines), columns: this.first.csvColumns } }
        : {}),
      shape,
      ...(mapping ? { mapping } : {}),
      maxLineBytes,
      preview,
    };
  }
}

/** The report as lines arrive: one at a time from this thread, or a batch's worth from a worker. */
class ReportBuilder {
  private readonly schema = new SchemaInference();
  private readonly tokens: TokenStatisticsBuilder | undefined;
  private readonly previewRows: number;
  private readonly preview: Record<string, unknown>[] = [];
  private readonly errors: RowError[] = [];
  private readonly files = new Map<
    number,
    { index: number; name?: string; container: DatasetContainer; lines: number }
  >();
  private readonly rows = { total: 0, valid: 0, invalid: 0, blank: 0 };
  private shape: DatasetShape | null;

  constructor(private readonly opts: ValidateDatasetOptions) {
    this.tokens = opts.tokenizer ? new TokenStatisticsBuilder(opts.tokenizer, opts.maxLength) : undefined;
    this.previewRows = opts.previewRows ?? 20;
    this.shape = opts.shape ?? opts.format ?? null;
  }

  private fileSeen(
    index: number,
    name: string | undefined,
    lines = 1,
    container: DatasetContainer = "jsonl",
  ): void {
    let f = this.files.get(index);
    if (!f) {
      f = { index, ...(name !== undefined ? { name } : {}), container, lines: 0 };
      this.files.set(index, f);
    }
    f.lines += lines;
  }

  private async error(error: RowError): Promise<void> {
    this.rows.invalid++;
    if (this.errors.length < FIRST_ERRORS) this.errors.push(error);
    await this.opts.onError?.(error);
  }

  previewWanted(): number {
    return this.previewRows - this.preview.length;
  }

  async event(event: ScanEvent): Promise<void> {
    this.rows.total++;
    if (event.kind === "blank") {
      this.rows.blank++;
      this.fileSeen(event.file, event.fileName);
    } else if (event.kind === "error") {
      this.fileSeen(event.error.file, event.error.fileName, 1, event.error.container);
      await this.error(event.error);
    } else {
      const { row } = event;
      this.rows.valid++;
      this.fileSeen(row.file, row.fileName, 1, event.container);
      this.shape = event.shape;
      this.schema.add(row.value);
      const counted = this.tokens?.add(row.record);
      if (this.preview.length < this.previewRows) this.preview.push(row.value);
      await this.opts.onValidRow?.(row, counted);
    }
  }

  /** `lines`: the batch's line count (its arrays went to a worker and are empty here). */
  async batch(sent: LineBatch, lines: number, r: BatchResult): Promise<void> {
    this.rows.total += lines;
    this.rows.blank += r.blank;
    this.rows.valid += r.valid;
    this.fileSeen(sent.file, sent.fileName, lines, sent.array ? "json" : sent.table ? "csv" : "jsonl");
    if (r.valid > 0) this.shape = sent.shape;
    for (const e of r.errors) await this.error(e);
    this.schema.merge(r.schema);
    if (this.tokens)
      for (let i = 0; i < r.tokens.length; i += 2) {
        const prompt = r.tokens[i]!;
        const completion = r.tokens[i + 1]!;
        this.tokens.addCounts({ prompt, completion, total: prompt + completion });
      }
    for (const v of r.preview) if (this.preview.length < this.previewRows) this.preview.push(v);
  }

  result(): DatasetValidationReport {
    return {
      format: this.shape ? SHAPE_FORMAT[this.shape] : null,
      shape: this.shape,
      valid: this.rows.valid > 0 && this.rows.invalid === 0,
      rows: this.rows,
      files: [...this.files.values()].sort((a, b) => a.index - b.index),
      errors: this.errors,
      errorsTruncated: this.rows.invalid > this.errors.length,
      schema: this.schema.result(),
      tokens: this.tokens ? this.tokens.result() : null,
      preview: this.preview,
    };
  }
}
