import type { Readable } from "node:stream";
import type { ErrorReportFormat } from "@infera/dataset-validation";
import type { ServiceContext } from "../shared/context.js";
import { notFound } from "../shared/errors.js";
import { authorizeDatasetVersion, authorizeValidationRun } from "./dataset-access.js";
import { errorReportCsv } from "./error-report-csv.js";

export interface ReportDownload {
  sha256: string;
  format: ErrorReportFormat;
  /** Bytes of the stored JSONL; null for CSV, which is converted while it streams. */
  size: number | null;
  stream: Readable;
}

/** The records of the stored JSONL report, line by line (each error line is short). */
async function* records(jsonl: Readable): AsyncGenerator<Record<string, unknown>> {
  let rest = "";
  const decoder = new TextDecoder();
  for await (const chunk of jsonl) {
    rest += decoder.decode(chunk as Uint8Array, { stream: true });
    const lines = rest.split("\n");
    rest = lines.pop()!;
    for (const line of lines) if (line) yield JSON.parse(line) as Record<string, unknown>;
  }
  if (rest.trim()) yield JSON.parse(rest) as Record<string, unknown>;
}

async function open(
  ctx: ServiceContext,
  sha256: string | null,
  none: string,
  format: ErrorReportFormat,
): Promise<ReportDownload> {
  if (!sha256) throw notFound(none);
  const store = ctx.blobs;
  const read = await store.get(sha256);
  if (format === "jsonl") return { sha256, format, size: read.size, stream: read.stream };
  return { sha256, format, size: null, stream: errorReportCsv(records(read.stream)) };
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
  const { version } = await authorizeDatasetVersion(ctx, "dataset.version.report", versionId);
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
  const { run } = await authorizeValidationRun(ctx, "dataset.version.report", runId);
  return open(ctx, run.reportSha256, "error report (the files had no errors)", format);
}
