import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { type ColumnMapping, checkColumns } from "./column-mapping.js";
import { detectContainer, isGzip } from "./detect-container.js";
import { csvHeader, csvRecords } from "./read-csv.js";
import { jsonArrayElements } from "./read-json-array.js";
import { DEFAULT_MAX_LINE_BYTES, openSources, type RawLine, readLines } from "./read-lines.js";
import { parquetRows } from "./read-parquet.js";
import type { DatasetContainer, DatasetSources } from "./types.js";

export interface ReadOptions {
  /** Longer records are reported as line_too_long without being held in memory. */
  maxLineBytes?: number;
  /** Every file's container, instead of detecting it from its first bytes. */
  container?: DatasetContainer;
  /** Checked against each table file's columns (CSV header, Parquet schema) before its first row. */
  mapping?: ColumnMapping;
}

/** Leading whitespace read at most to find the first character. */
const HEAD_BYTES = 64 * 1024;

const isSpaceOrBom = (c: number) =>
  c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xef || c === 0xbb || c === 0xbf;

/** The first bytes of a stream (4 at least, up to the first non-space one), and the whole stream again. */
async function peek(
  data: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<{ head: Uint8Array; stream: AsyncIterable<Uint8Array> }> {
  const it = (Symbol.asyncIterator in data ? data[Symbol.asyncIterator]() : data[Symbol.iterator]()) as
    | AsyncIterator<Uint8Array>
    | Iterator<Uint8Array>;
  const taken: Uint8Array[] = [];
  let size = 0;
  let done = false;
  let text = false;
  while (size < HEAD_BYTES && (size < 4 || !text)) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    taken.push(r.value);
    size += r.value.length;
    if (!text) text = r.value.some((c) => !isSpaceOrBom(c));
  }
  const head = taken.length === 1 ? taken[0]! : Buffer.concat(taken);
  async function* stream() {
    for (const t of taken) yield t;
    if (done) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  }
  return { head, stream: stream() };
}

/** A gzip stream's contents; a corrupt stream ends early and `failed` says why. */
class Gunzip {
  failed: string | undefined;
  async *read(stream: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    try {
      yield* Readable.from(stream, { objectMode: false }).pipe(createGunzip());
    } catch (e) {
      this.failed = (e as Error).message;
    }
  }
}

/**
 * Every record of the files, in order, whatever their containers: JSONL lines, JSON array
 * elements (as bytes, checked like lines), CSV rows and Parquet rows (as objects). Each file's
 * container is detected on its own (gzip first, by magic bytes). `line` counts records across the
 * files (JSONL: lines, blank ones included); `fileLine` is where a record starts in its file.
 */
export async function* readRecords(sources: DatasetSources, opts: ReadOptions = {}): AsyncGenerator<RawLine> {
  const maxBytes = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const files = openSources(sources);
  let line = 0;
  for (let file = 0; file < files.length; file++) {
    const { name, data } = files[file]!;
    let { head, stream } = await peek(data);
    const gzip = isGzip(head) ? new Gunzip() : undefined;
    if (gzip) ({ head, stream } = await peek(gzip.read(stream)));
    const container = opts.container ?? detectContainer(head, name);
    const at = (fileLine: number, extra: Partial<RawLine>): RawLine => ({
      line: ++line,
      file,
      fileName: name,
      fileLine,
      bytes: undefined,
      length: 0,
      container,
      ...extra,
    });
    if (container === "jsonl") {
      for await (const raw of readLines([{ data: stream }], maxBytes)) {
        raw.line = ++line;
        raw.file = file;
        raw.fileName = name;
        yield raw;
      }
    } else if (container === "json") {
      for await (const e of jsonArrayElements(stream, maxBytes))
        yield at(e.line, {
          index: e.index,
          bytes: e.bytes,
          length: e.length,
          ...(e.problem
            ? { problem: { code: "invalid_json", message: `not a valid JSON array: ${e.problem}` } }
            : {}),
        });
    } else if (container === "csv") {
      // Records go on as bytes with their header: LineScanner splits the fields (here, or in a
      // worker thread of validateDataset).
      const decoder = new TextDecoder();
      let header: readonly string[] | undefined;
      let first = true;
      for await (const record of csvRecords(stream, maxBytes)) {
        if (record.problem) {
          yield at(record.fileLine, { problem: { code: "invalid_record", message: record.problem } });
          break;
        }
        if (!header) {
          const columns =
            record.bytes === undefined
              ? { error: `the CSV header is ${record.length} bytes, over the limit of ${maxBytes}` }
              : csvHeader(decoder.decode(record.bytes));
          if (!Array.isArray(columns)) {
            yield at(record.fileLine, { problem: { code: "invalid_record", message: columns.error } });
            break;
          }
          if (opts.mapping) checkColumns(opts.mapping, columns, name);
          header = columns;
          continue;
        }
        yield at(record.fileLine, {
          bytes: record.bytes,
          length: record.length,
          csvColumns: header,
          ...(first ? { columns: header } : {}),
        });
        first = false;
      }
    } else {
      for await (const row of parquetRows(stream)) {
        if (row.columns && opts.mapping) checkColumns(opts.mapping, row.columns, name);
        if (row.problem) {
          yield at(row.index + 1, {
            index: row.index,
            problem: { code: "invalid_record", message: row.problem },
          });
          break;
        }
        if (row.value)
          yield at(row.index + 1, {
            index: row.index,
            value: row.value,
            ...(row.columns ? { columns: row.columns } : {}),
          });
      }
    }
    if (gzip?.failed)
      yield at(0, { problem: { code: "invalid_record", message: `not valid gzip: ${gzip.failed}` } });
  }
}
