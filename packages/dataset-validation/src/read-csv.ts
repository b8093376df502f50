/**
 * CSV (RFC 4180: a header row; quoted fields may hold commas, doubled quotes and line breaks; CRLF or
 * LF) read in two steps, so that the costly one can run in worker threads:
 *
 * 1. `csvRecords` (the reading thread) finds where each record ends: a line break outside quotes.
 *    A quote byte never occurs inside a UTF-8 sequence, so this is a scan of bytes for `"` and `\n`
 *    (native `indexOf`), with no decoding and no field splitting; a record is handed on as bytes.
 * 2. `csvFields` / `csvRowValue` (any thread) split one record into fields.
 *
 * csv-parse did both on one thread and capped CSV validation at ~40 MB/s (docs/decisions/0015).
 */

import { concat } from "./read-lines.js";

const QUOTE = 0x22;
const NEWLINE = 0x0a;
const CR = 0x0d;
const EMPTY = new Uint8Array(0);

/** One record: its bytes without the line break (undefined when over the size limit), where it starts. */
export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  fileLine: number;
  bytes: Uint8Array | undefined;
  length: number;
  /** The file cannot be read on from here (a quote never closed); nothing follows. */
  problem?: string;
}

/**
 * The records of a CSV file in order, holding at most one record in memory. Empty lines are skipped
 * (they still count for line numbers); a UTF-8 BOM is dropped; a quote still open at the end of the
 * file ends it with a problem at the line of that record. Each record's bytes are valid until the
 * next one is asked for.
 */
export async function* csvRecords(
  data: AsyncIterable<Uint8Array>,
  maxRecordBytes: number,
): AsyncGenerator<CsvRecord> {
  let line = 1;
  /** Line breaks inside the current record so far (in quoted fields). */
  let inner = 0;
  let open = false;
  let first = true;
  let parts: Uint8Array[] = [];
  let pending = 0;
  let dropped = false;
  const finish = (tail: Uint8Array): CsvRecord | undefined => {
    let length = pending + tail.length;
    let bytes: Uint8Array | undefined;
    if (!dropped && length <= maxRecordBytes) {
      bytes = parts.length === 0 ? tail : concat(parts, tail, length);
      if (bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, bytes.length - 1);
      // The file's first bytes, whatever the chunking: a UTF-8 byte order mark is not data.
      if (first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        bytes = bytes.subarray(3);
        length -= 3;
      }
    }
    first = false;
    const record = { fileLine: line, bytes, length };
    line += inner + 1;
    inner = 0;
    parts = [];
    pending = 0;
    dropped = false;
    return bytes !== undefined && bytes.length === 0 ? undefined : record;
  };
  for await (const chunk of data) {
    let start = 0;
    let at = 0;
    let quote = chunk.indexOf(QUOTE);
    for (;;) {
      if (open) {
        // Inside quotes: only the closing quote matters; count the line breaks passed for numbering.
        if (quote < 0) {
          inner += count(chunk, NEWLINE, at, chunk.length);
          at = chunk.length;
          break;
        }
        inner += count(chunk, NEWLINE, at, quote);
        open = false;
        at = quote + 1;
        quote = chunk.indexOf(QUOTE, at);
        continue;
      }
      const nl = chunk.indexOf(NEWLINE, at);
      if (quote >= 0 && (nl < 0 || quote < nl)) {
        // A doubled quote inside a quoted field closes and opens again: the parity stays right.
        open = true;
        at = quote + 1;
        quote = chunk.indexOf(QUOTE, at);
        continue;
      }
      if (nl < 0) break;
      const record = finish(chunk.subarray(start, nl));
      if (record) yield record;
      start = at = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      pending += rest.length;
      if (dropped || pending > maxRecordBytes) {
        dropped = true;
        parts = [];
      } else {
        // Copy: the producer may reuse its buffer once we ask for the next chunk.
        parts.push(rest.slice());
      }
    }
  }
  if (open) {
    yield {
      fileLine: line,
      bytes: undefined,
      length: pending,
      problem: `not valid CSV: the quoted field of the row on line ${line} is never closed`,
    };
    return;
  }
  if (pending > 0 || dropped) {
    const record = finish(EMPTY);
    if (record) yield record;
  }
}

function count(bytes: Uint8Array, byte: number, from: number, to: number): number {
  let n = 0;
  for (let i = bytes.indexOf(byte, from); i >= 0 && i < to; i = bytes.indexOf(byte, i + 1)) n++;
  return n;
}

/**
 * The fields of one record's text: quoted fields unquoted (`""` → `"`), unquoted ones as they are.
 * A quote inside an unquoted field, or text after a closing quote, is an error naming the field.
 */
export function csvFields(text: string): string[] | { error: string } {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      let value = "";
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0)
          return { error: `not valid CSV: field ${fields.length + 1} opens a quote it never closes` };
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += text.slice(from, q);
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i >= text.length) return fields;
      if (text.charCodeAt(i) !== 0x2c)
        return {
          error: `not valid CSV: field ${fields.length} has text after its closing quote (quote the whole field and double the quotes inside it)`,
        };
      i++;
    } else {
      const comma = text.indexOf(",", i);
      const end = comma < 0 ? text.length : comma;
      const value = text.slice(i, end);
      if (value.includes('"'))
        return {
          error: `not valid CSV: field ${fields.length + 1} has a quote but does not start with one (quote the whole field and double the quotes inside it)`,
        };
      fields.push(value);
      if (comma < 0) return fields;
      i = comma + 1;
    }
    // A comma ending the record leaves one more, empty field.
    if (i >= text.length) {
      fields.push("");
      return fields;
    }
  }
}

/** A header's columns (trimmed), or why they cannot name a row's fields. */
export function csvHeader(text: string): string[] | { error: string } {
  const fields = csvFields(text);
  if (!Array.isArray(fields)) return fields;
  const header = fields.map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of header) {
    if (h === "") return { error: "the CSV header has an empty column name" };
    if (seen.has(h)) return { error: `the CSV header names column "${h}" twice` };
    seen.add(h);
  }
  return header;
}

/** One row as an object keyed by the header, or why it is not one. */
export function csvRowValue(
  text: string,
  columns: readonly string[],
): { value: Record<string, string> } | { error: string } {
  const fields = csvFields(text);
  if (!Array.isArray(fields)) return fields;
  if (fields.length !== columns.length)
    return { error: `row has ${fields.length} fields, the header has ${columns.length}` };
  const value: Record<string, string> = {};
  for (let i = 0; i < columns.length; i++) value[columns[i]!] = fields[i]!;
  return { value };
}
