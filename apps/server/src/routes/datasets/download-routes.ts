import { Readable } from "node:stream";
import {
  openDatasetFile,
  openValidationRunReport,
  openVersionReport,
  type ReportDownload,
} from "@infera/core";
import type { Context } from "hono";
import { z } from "zod";
import type { Api } from "../../http/api.js";
import type { AppEnv } from "../../http/app-env.js";
import { defineRoute, idParam } from "../../http/define-route.js";
import { sendFile } from "../../http/send-file.js";

const versionParams = z.object({ versionId: idParam("dataset version id") });
const runParams = z.object({ runId: idParam("validation run id") });
const jsonl = { description: "JSONL", content: { "application/x-ndjson": { schema: z.string() } } };
const report = {
  description: "The report: JSONL (default) or CSV",
  content: { "application/x-ndjson": { schema: z.string() }, "text/csv": { schema: z.string() } },
};
const reportQuery = z.object({ format: z.enum(["jsonl", "csv"]).default("jsonl") });

const download = defineRoute("dataset.version.download", {
  method: "get",
  path: "/dataset-versions/{versionId}/download",
  tags: ["Datasets"],
  summary: "Download a file of a version (HTTP Range supported; ETag is the file's sha256)",
  description:
    "`?file=<name>` names the file; it may be left out when the version has one file. `Range: bytes=start-end` answers 206 with `Content-Range`; a range outside the file answers 416.",
  request: { params: versionParams, query: z.object({ file: z.string().min(1).max(512).optional() }) },
  responses: {
    200: jsonl,
    206: { description: "The requested range", content: { "application/x-ndjson": { schema: z.string() } } },
    416: { description: "Range not satisfiable" },
  },
});

const versionReport = defineRoute("dataset.version.report", {
  method: "get",
  path: "/dataset-versions/{versionId}/validation-report",
  tags: ["Datasets"],
  summary: "The full error report of the rows a keep-valid-only version dropped (JSONL, one error a line)",
  description:
    "Each line: `{line, file, file_name, file_line, column, code, message}`; `?format=csv` gives the same columns as CSV. 404 when the version dropped no rows.",
  request: { params: versionParams, query: reportQuery },
  responses: { 200: report },
});

const runReport = defineRoute("dataset.version.report", {
  method: "get",
  path: "/dataset-validation-runs/{runId}/report",
  tags: ["Datasets"],
  summary: "The full error report of a validation run (JSONL, one error a line; `?format=csv` for CSV)",
  request: { params: runParams, query: reportQuery },
  responses: { 200: report },
});

function sendReport(c: Context<AppEnv>, r: ReportDownload, name: string) {
  const headers: Record<string, string> = {
    "Content-Type": r.format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
    "Content-Disposition": `attachment; filename="${name}-errors.${r.format}"`,
  };
  if (r.size !== null) {
    headers["Content-Length"] = String(r.size);
    headers.ETag = `"${r.sha256}"`;
  }
  return c.body(Readable.toWeb(r.stream) as unknown as ReadableStream, 200, headers);
}

export function registerDatasetDownloadRoutes(app: Api) {
  app.openapi(download, async (c) => {
    const { versionId } = c.req.valid("param");
    const name = c.req.valid("query").file;
    return (await sendFile(c, "application/x-ndjson", (pickRange) =>
      openDatasetFile({ ctx: c.get("ctx"), versionId, name, pickRange }),
    )) as never;
  });
  app.openapi(versionReport, async (c) => {
    const { versionId } = c.req.valid("param");
    const r = await openVersionReport({ ctx: c.get("ctx"), versionId, format: c.req.valid("query").format });
    return sendReport(c, r, versionId) as never;
  });
  app.openapi(runReport, async (c) => {
    const { runId } = c.req.valid("param");
    const r = await openValidationRunReport({
      ctx: c.get("ctx"),
      runId,
      format: c.req.valid("query").format,
    });
    return sendReport(c, r, runId) as never;
  });
}
