import { type ScanOptions, scanDataset } from "./scan-dataset.js";
import type { DatasetSources, RowError } from "./types.js";

export type ErrorReportFormat = "jsonl" | "csv";

const CSV_COLUMNS = ["line", "file", "file_name", "file_line", "column", "code", "message"] as const;

/** RFC 4180 field; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it as a formula. */
function csvField(v: string | number | undefined): string {
  if (v === undefined) return "";
  let s = String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The report's first line: the CSV header, nothing for JSONL. */
export function errorReportHeader(format: ErrorReportFormat): string {
  return format === "csv" ? `${CSV_COLUMNS.join(",")}\r\n` : "";
}

/** One error as a line of the downloadable report. */
export function encodeErrorReportLine(e: RowError, format: ErrorReportFormat): string {
  if (format === "jsonl")
    return `${JSON.stringify({
      line: e.line,
      file: e.file,
      file_name: e.fileName ?? null,
      file_line: e.fileLine,
      column: e.column ?? null,
      code: e.code,
      message: e.message,
    })}\n`;
  const values = [e.line, e.file, e.fileName, e.fileLine, e.column, e.code, e.message];
  return `${values.map(csvField).join(",")}\r\n`;
}

/** The full report of every error, as text chunks, in a streaming pass over the files. */
export async function* errorReport(
  sources: DatasetSources,
  format: ErrorReportFormat,
  opts: ScanOptions = {},
): AsyncGenerator<string> {
  const header = errorReportHeader(format);
  if (header) yield header;
  for await (const event of scanDataset(sources, opts))
    if (event.kind === "error") yield encodeErrorReportLine(event.error, format);
}
