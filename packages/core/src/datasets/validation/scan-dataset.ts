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
 * The validation pass: every line of the files, in order, as a blank line, a valid row or an error.
 * Holds one line at a time; every consumer (report, keep-valid-only, split, preview) is built on it.
 */
export async function* scanDataset(
  sources: DatasetSources,
  opts: ScanOptions = {},
): AsyncGenerator<ScanEvent> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let format = opts.format;
  let index = 0;
  const error = (raw: RawLine, code: RowErrorCode, message: string, column?: number): ScanEvent => ({
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
  for await (const raw of readLines(sources, opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES)) {
    if (raw.bytes === undefined) {
      yield error(
        raw,
        "line_too_long",
        `line is ${raw.length} bytes, over the limit of ${opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES}`,
      );
      continue;
    }
    let text: string;
    try {
      text = decoder.decode(raw.bytes);
    } catch {
      const at = firstInvalidUtf8(raw.bytes);
      const column = new TextDecoder().decode(raw.bytes.subarray(0, Math.max(at, 0))).length + 1;
      const hex = at >= 0 ? raw.bytes[at]!.toString(16).padStart(2, "0") : "??";
      yield error(raw, "invalid_utf8", `not valid UTF-8: byte 0x${hex} at byte offset ${at}`, column);
      continue;
    }
    if (isBlank(text)) {
      yield { kind: "blank", line: raw.line, file: raw.file, ...named(raw) };
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const at = jsonErrorOffset(text);
      yield error(
        raw,
        "invalid_json",
        `not valid JSON: ${(e as Error).message}`,
        at >= 0 ? at + 1 : undefined,
      );
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      const got = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
      yield error(raw, "not_an_object", `each line must be a JSON object, got ${got}`);
      continue;
    }
    const obj = value as Record<string, unknown>;
    if (format === undefined) {
      format = detectFormat(obj);
      if (format === undefined) {
        yield error(
          raw,
          "unknown_format",
          "record has none of the fields of a known format: messages (chat), prompt + completion, text, chosen + rejected (preference)",
        );
        continue;
      }
    }
    const result = validateRecord(obj, format);
    if (!result.ok) {
      yield error(raw, result.code, result.message);
      continue;
    }
    yield {
      kind: "valid",
      row: {
        line: raw.line,
        file: raw.file,
        ...named(raw),
        fileLine: raw.fileLine,
        index: index++,
        json: text,
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

const named = (raw: RawLine) => (raw.fileName !== undefined ? { fileName: raw.fileName } : {});
