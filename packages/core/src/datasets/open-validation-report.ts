import type { Readable } from "node:stream";
import type { ServiceContext } from "../shared/context.js";
import { DomainError, notFound } from "../shared/errors.js";
import { authorizeDatasetVersion, authorizeValidationRun } from "./dataset-access.js";

export interface ReportDownload {
  sha256: string;
  size: number;
  stream: Readable;
}

async function open(ctx: ServiceContext, sha256: string | null, none: string): Promise<ReportDownload> {
  if (!sha256) throw notFound(none);
  const store = ctx.blobs;
  if (!store) throw new DomainError("service_unavailable", "no blob store is configured");
  const read = await store.get(sha256);
  return { sha256, size: read.size, stream: read.stream };
}

/** The full error report (JSONL, one error a line) of the rows a keep-valid-only version dropped. */
export async function openVersionReport({ ctx, versionId }: { ctx: ServiceContext; versionId: string }) {
  const { version } = await authorizeDatasetVersion(ctx.db, ctx, "dataset.version.report", versionId);
  return open(ctx, version.reportSha256, "error report (this version dropped no rows)");
}

/** The full error report of a validation run (a dry run or a refused upload), while the run is kept. */
export async function openValidationRunReport({ ctx, runId }: { ctx: ServiceContext; runId: string }) {
  const { run } = await authorizeValidationRun(ctx.db, ctx, "dataset.version.report", runId);
  return open(ctx, run.reportSha256, "error report (the files had no errors)");
}
