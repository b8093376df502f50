import { Readable } from "node:stream";
import { type ScanOptions, scanDataset } from "./scan-dataset.js";
import type { DatasetSources, RowError } from "./types.js";

export type ErrorReportFormat = "jsonl" | "csv";

export const ERROR_REPORT_COLUMNS = [
  "line",
  "file",
  "file_name",
  "file_line",
  "index",
  "container",
  "column",
  "code",
  "message",
] as const;

/** One error as the report's record: the same keys in JSONL and CSV. */
export function toReportRecord(e: RowError) {
  return {
    line: e.line,
    file: e.file,
    file_name: e.fileName ?? null,
    file_line: e.fileLine,
    index: e.index ?? null,
    container: e.container ?? "jsonl",
    column: e.column ?? null,
    code: e.code,
    message: e.message,
  };
}

/** One error as a line of the stored JSONL report. */
export function encodeErrorReportLine(e: RowError): string {
  return `${JSON.stringify(toReportRecord(e))}\n`;
}

/** Every error of the files as report records, in a streaming pass (core encodes them as CSV). */
export async function* errorReportRecords(sources: DatasetSources, opts: ScanOptions = {}) {
  for await (const event of scanDataset(sources, opts))
    if (event.kind === "error") yield toReportRecord(event.error);
}

/** The full report of every error as JSONL, in a streaming pass over the files. */
export function errorReport(sources: DatasetSources, opts: ScanOptions = {}): Readable {
  return Readable.from(
    (async function* () {
      for await (const r of errorReportRecords(sources, opts)) yield `${JSON.stringify(r)}\n`;
    })(),
  );
}
