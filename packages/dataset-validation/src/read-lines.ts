import type { DatasetContainer, DatasetFile, DatasetInput, DatasetSources, RowErrorCode } from "./types.js";

/** One line of the concatenated files, without its line break. */
export interface RawLine {
  line: number;
  file: number;
  fileName?: string;
  fileLine: number;
  /** The line's bytes; undefined when the line was longer than `maxLineBytes` (its bytes were dropped). */
  bytes: Uint8Array | undefined;
  /** Length in bytes (also for a dropped line). */
  length: number;
  /** The file's container (`jsonl` when absent). */
  container?: DatasetContainer;
  /** 0-based record index in its file (JSON arrays and Parquet, whose records are numbered so). */
  index?: number;
  /** A table file's columns (CSV header, Parquet schema), on its first record only. */
  columns?: readonly string[];
  /** A CSV row's header: its `bytes` are the row's text, split into fields by LineScanner. */
  csvColumns?: readonly string[];
  /** A table row (Parquet), already split into fields: no bytes to parse. */
  value?: Record<string, unknown>;
  /** The container could not be read at this record (the rest of the file is skipped). */
  problem?: { code: RowErrorCode; message: string };
}

/** 200 MiB: a single line must fit in one JavaScript string once decoded, with room to spare. */
export const DEFAULT_MAX_LINE_BYTES = 200 * 1024 * 1024;

const NEWLINE = 0x0a;
const EMPTY = new Uint8Array(0);

export function openSources(sources: DatasetSources): DatasetFile[] {
  const inputs: readonly DatasetInput[] = typeof sources === "function" ? sources() : sources;
  return inputs.map((input) =>
    typeof input === "object" && input !== null && "data" in input ? input : { data: input },
  );
}

/**
 * Splits the files into lines, in order, holding at most one line in memory. A file's last line
 * ends with the file even without a newline; a trailing "\r" (CRLF files) is removed.
 */
export async function* readLines(
  sources: DatasetSources,
  maxLineBytes = DEFAULT_MAX_LINE_BYTES,
): AsyncGenerator<RawLine> {
  let line = 0;
  const files = openSources(sources);
  for (let file = 0; file < files.length; file++) {
    const { name, data } = files[file]!;
    let fileLine = 0;
    let parts: Uint8Array[] = [];
    let pending = 0;
    let dropped = false;
    const finish = (tail: Uint8Array): RawLine => {
      line++;
      fileLine++;
      const length = pending + tail.length;
      let bytes: Uint8Array | undefined;
      if (!dropped && length <= maxLineBytes) {
        bytes = parts.length === 0 ? tail : concat(parts, tail, length);
        if (bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
      }
      parts = [];
      pending = 0;
      dropped = false;
      return { line, file, fileName: name, fileLine, bytes, length };
    };
    for await (const chunk of data) {
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(NEWLINE, start);
        if (nl < 0) break;
        yield finish(chunk.subarray(start, nl));
        start = nl + 1;
      }
      if (start < chunk.length) {
        const rest = chunk.subarray(start);
        pending += rest.length;
        if (dropped || pending > maxLineBytes) {
          dropped = true;
          parts = [];
        } else {
          // Copy: the producer may reuse its buffer once we ask for the next chunk.
          parts.push(rest.slice());
        }
      }
    }
    if (pending > 0 || dropped) yield finish(EMPTY);
  }
}

/** `parts` then `tail` in one new array of `length` bytes (a record that spanned chunks). */
export function concat(parts: Uint8Array[], tail: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  out.set(tail, at);
  return out;
}
