import { detectFormat } from "./detect-format.js";
import { jsonErrorOffset } from "./json-error-offset.js";
import { DEFAULT_MAX_LINE_BYTES, type RawLine, readLines } from "./read-lines.js";
import type { DatasetFormat, DatasetSources, RowError, RowErrorCode, ValidRow } from "./types.js";
import { firstInvalidUtf8 } from "./utf8.js";
import { validateRecord } from "./validate-record.js";

export interface ScanOptions {
  /** Expected format; by default the first record with format fields decides. */
  format?: DatasetFormat;
  /** Longer lines are reported as line_too_long without being held in memory. */
  maxLineBytes?: number;
}

export type ScanEvent =
  | { kind: "blank"; line: number; file: number; fileName?: string }
  | { kind: "valid"; row: ValidRow }
  | { kind: "error"; error: RowError };

const MAX_MESSAGE = 500;

/**
 * The checks of one line, in order: a blank line, a valid row or an error. Holds the dataset's
 * format once the first record with format fields decides it (or the expected one). The
 * sequential pass and the worker threads of `validateDataset` both use it, so they agree.
 */
export class LineScanner {
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });
  private index = 0;
  format: DatasetFormat | undefined;

  constructor(private readonly opts: ScanOptions = {}) {
    this.format = opts.format;
  }

  scan(raw: RawLine): ScanEvent {
    const error = (code: RowErrorCode, message: string, column?: number): ScanEvent => ({
      kind: "error",
      error: {
        line: raw.line,
        file: raw.file,
        ...named(raw),
        fileLine: raw.fileLine,
        ...(column !== undefined ? { column } : {}),
        code,
        message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message,
      },
    });
    if (raw.bytes === undefined)
      return error(
        "line_too_long",
        `line is ${raw.length} bytes, over the limit of ${this.opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES}`,
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
    if (isBlank(text)) return { kind: "blank", line: raw.line, file: raw.file, ...named(raw) };
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const at = jsonErrorOffset(text);
      return error("invalid_json", `not valid JSON: ${(e as Error).message}`, at >= 0 ? at + 1 : undefined);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      const got = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
      return error("not_an_object", `each line must be a JSON object, got ${got}`);
    }
    const obj = value as Record<string, unknown>;
    if (this.format === undefined) {
      this.format = detectFormat(obj);
      if (this.format === undefined)
        return error(
          "unknown_format",
          "record has none of the fields of a known format: messages (chat), prompt + completion, text, chosen + rejected (preference)",
        );
    }
    const result = validateRecord(obj, this.format);
    if (!result.ok) return error(result.code, result.message);
    return {
      kind: "valid",
      row: {
        line: raw.line,
        file: raw.file,
        ...named(raw),
        fileLine: raw.fileLine,
        index: this.index++,
        json: text,
        value: obj,
        record: result.record,
      },
    };
  }
}

/**
 * The validation pass: every line of the files, in order, as a blank line, a valid row or an error.
 * Holds one line at a time; every consumer (report, keep-valid-only, split, preview) is built on it.
 */
export async function* scanDataset(
  sources: DatasetSources,
  opts: ScanOptions = {},
): AsyncGenerator<ScanEvent> {
  const scanner = new LineScanner(opts);
  for await (const raw of readLines(sources, opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES))
    yield scanner.scan(raw);
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0xfeff) return false;
  }
  return true;
}

const named = (raw: RawLine) => (raw.fileName !== undefined ? { fileName: raw.fileName } : {});
