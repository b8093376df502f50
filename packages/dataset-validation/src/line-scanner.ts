import { applyMapping, type ColumnMapping, checkMapping } from "./column-mapping.js";
import { jsonErrorOffset } from "./json-error-offset.js";
import { csvRowValue } from "./read-csv.js";
import { DEFAULT_MAX_LINE_BYTES, type RawLine } from "./read-lines.js";
import type { ReadOptions } from "./read-records.js";
import { decodeCells } from "./shapes/decode-cells.js";
import { type DatasetShape, detectShape } from "./shapes/shape.js";
import { validateShapedRecord } from "./shapes/validate-shaped-record.js";
import type { DatasetContainer, DatasetFormat, RowError, RowErrorCode, ValidRow } from "./types.js";
import { firstInvalidUtf8 } from "./utf8.js";

export interface ScanOptions extends ReadOptions {
  /** Expected shape; by default the first record with the fields of a shape decides. */
  shape?: DatasetShape;
  /** Expected shape among today's four (kept for callers that know only those); `shape` wins. */
  format?: DatasetFormat;
  /** Target field ← source key or column, applied to every record before its shape is checked. */
  mapping?: ColumnMapping;
}

export type ScanEvent =
  | { kind: "blank"; line: number; file: number; fileName?: string }
  | { kind: "valid"; row: ValidRow; shape: DatasetShape; container?: DatasetContainer }
  | { kind: "error"; error: RowError };

const MAX_MESSAGE = 500;

/**
 * The checks of one record (a JSONL line, a JSON array element, a table row), in order: a blank
 * line, a valid row or an error. Holds the dataset's shape once the first record with the fields of
 * a shape decides it (or the expected one). The sequential pass and the worker threads of
 * `validateDataset` both use it, so they agree. Imports no container reader but the CSV field
 * splitter, so worker bundles stay small.
 */
export class LineScanner {
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });
  private index = 0;
  shape: DatasetShape | undefined;

  constructor(private readonly opts: ScanOptions = {}) {
    this.shape = opts.shape ?? opts.format;
    if (opts.mapping) checkMapping(opts.mapping);
  }

  scan(raw: RawLine): ScanEvent {
    const error = (code: RowErrorCode, message: string, column?: number): ScanEvent => ({
      kind: "error",
      error: {
        line: raw.line,
        file: raw.file,
        ...named(raw),
        fileLine: raw.fileLine,
        ...located(raw),
        ...(column !== undefined ? { column } : {}),
        code,
        message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message,
      },
    });
    if (raw.problem) return error(raw.problem.code, raw.problem.message);
    if (raw.value) return this.check(raw, raw.value, undefined, error, true);
    if (raw.bytes === undefined)
      return error(
        "line_too_long",
        `${raw.container === "json" ? "element" : raw.csvColumns ? "row" : "line"} is ${raw.length} bytes, over the limit of ${this.opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES}`,
      );
    let text: string;
    try {
      text = this.decoder.decode(raw.bytes);
    } catch {
      const at = firstInvalidUtf8(raw.bytes);
      const column = new TextDecoder().decode(raw.bytes.subarray(0, Math.max(at, 0))).length + 1;
      const hex = at >= 0 ? raw.bytes[at]!.toString(16).padStart(2, "0") : "??";
      return error("invalid_utf8", `not valid UTF-8: byte 0x${hex} at byte offset ${at}`, column);
    }
    if (raw.csvColumns) {
      const row = csvRowValue(text, raw.csvColumns);
      if ("error" in row) return error("invalid_record", row.error);
      return this.check(raw, row.value, undefined, error, true);
    }
    if (isBlank(text))
      return raw.container === "json"
        ? error("not_an_object", "each array element must be a JSON object, got nothing")
        : { kind: "blank", line: raw.line, file: raw.file, ...named(raw) };
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const at = jsonErrorOffset(text);
      return error("invalid_json", `not valid JSON: ${(e as Error).message}`, at >= 0 ? at + 1 : undefined);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      const got = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
      const what = raw.container === "json" ? "each array element" : "each line";
      return error("not_an_object", `${what} must be a JSON object, got ${got}`);
    }
    return this.check(raw, value as Record<string, unknown>, text, error, false);
  }

  /** A record as an object: mapped, its shape decided or checked, then mapped onto the internal form. */
  private check(
    raw: RawLine,
    source: Record<string, unknown>,
    text: string | undefined,
    error: (code: RowErrorCode, message: string) => ScanEvent,
    /** A table row: its cells are text. */
    table: boolean,
  ): ScanEvent {
    let obj = applyMapping(source, this.opts.mapping);
    if (this.shape === undefined) {
      this.shape = detectShape(obj);
      if (this.shape === undefined)
        return error(
          "unknown_format",
          "record has none of the fields of a known shape: messages (chat), prompt + completion, text, chosen + rejected (preference), instruction + output (alpaca), conversations (sharegpt), input + preferred_output (openai_preference)",
        );
    }
    // Table cells are text: the shape's structured fields (messages, history, …) hold JSON.
    if (table) obj = decodeCells(obj === source ? { ...obj } : obj, this.shape);
    const result = validateShapedRecord(obj, this.shape);
    if (!result.ok) return error(result.code, result.message);
    return {
      kind: "valid",
      shape: this.shape,
      ...(raw.container !== undefined ? { container: raw.container } : {}),
      row: {
        line: raw.line,
        file: raw.file,
        ...named(raw),
        fileLine: raw.fileLine,
        index: this.index++,
        ...(raw.index !== undefined ? { recordIndex: raw.index } : {}),
        json: text ?? JSON.stringify(obj),
        value: obj,
        record: result.record,
      },
    };
  }
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0xfeff) return false;
  }
  return true;
}

const located = (raw: RawLine) => ({
  ...(raw.index !== undefined ? { index: raw.index } : {}),
  ...(raw.container !== undefined && raw.container !== "jsonl" ? { container: raw.container } : {}),
});

const named = (raw: RawLine) => (raw.fileName !== undefined ? { fileName: raw.fileName } : {});
