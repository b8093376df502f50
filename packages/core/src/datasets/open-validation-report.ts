import { Readable } from "node:stream";
import type { RowError } from "@infera/dataset-validation";
import { type ErrorReportFormat, encodeErrorReportLine, errorReportHeader } from "@infera/dataset-validation";
import type { ServiceContext } from "../shared/context.js";
import { DomainError, notFound } from "../shared/errors.js";
import { authorizeDatasetVersion, authorizeValidationRun } from "./dataset-access.js";

export interface ReportDownload {
  sha256: string;
  format: ErrorReportFormat;
  /** Bytes of the stored JSONL; null for CSV, which is converted while it streams. */
  size: number | null;
  stream: Readable;
}

/** The stored JSONL report re-encoded as CSV, line by line (each error line is short). */
async function* toCsv(jsonl: Readable): AsyncGenerator<string> {
  yield errorReportHeader("csv");
  let rest = "";
  const decoder = new TextDecoder();
  const emit = (line: string) => {
    const e = JSON.parse(line) as Record<string, unknown>;
    const error: RowError = {
      line: e.line as number,
      file: e.file as number,
      fileLine: e.file_line as number,
      code: e.code as RowError["code"],
      message: e.message as string,
      ...(e.file_name != null ? { fileName: e.file_name as string } : {}),
      ...(e.column != null ? { column: e.column as number } : {}),
    };
    return encodeErrorReportLine(error, "csv");
  };
  for await (const chunk of jsonl) {
    rest += decoder.decode(chunk as Uint8Array, { stream: true });
    const lines = rest.split("\n");
    rest = lines.pop()!;
    let out = "";
    for (const line of lines) if (line) out += emit(line);
    if (out) yield out;
  }
  if (rest.trim()) yield emit(rest);
}

async function open(
  ctx: ServiceContext,
  sha256: string | null,
  none: string,
  format: ErrorReportFormat,
): Promise<ReportDownload> {
  if (!sha256) throw notFound(none);
  const store = ctx.blobs;
  if (!store) throw new DomainError("service_unavailable", "no blob store is configured");
  const read = await store.get(sha256);
  if (format === "jsonl") return { sha256, format, size: read.size, stream: read.stream };
  return { sha256, format, size: null, stream: Readable.from(toCsv(read.stream)) };
}

/** The full error report of the rows a keep-valid-only version dropped (JSONL, or CSV). */
export async function openVersionReport({
  ctx,
  versionId,
  format = "jsonl",
}: {
  ctx: ServiceContext;
  versionId: string;
  format?: ErrorReportFormat;
}) {
  const { version } = await authorizeDatasetVersion(ctx.db, ctx, "dataset.version.report", versionId);
  return open(ctx, version.reportSha256, "error report (this version dropped no rows)", format);
}

/** The full error report of a validation run (a dry run or a refused upload), while the run is kept. */
export async function openValidationRunReport({
  ctx,
  runId,
  format = "jsonl",
}: {
  ctx: ServiceContext;
  runId: string;
  format?: ErrorReportFormat;
}) {
  const { run } = await authorizeValidationRun(ctx.db, ctx, "dataset.version.report", runId);
  return open(ctx, run.reportSha256, "error report (the files had no errors)", format);
}
