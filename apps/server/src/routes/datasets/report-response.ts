import { Readable } from "node:stream";
import type { ReportDownload } from "@infera/core";
import type { Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../http/app-env.js";

// The two error-report downloads (a version's dropped rows, a validation run) answer alike.
export const report = {
  description: "The report: JSONL (default) or CSV",
  content: { "application/x-ndjson": { schema: z.string() }, "text/csv": { schema: z.string() } },
};

export const reportQuery = z.object({ format: z.enum(["jsonl", "csv"]).default("jsonl") });

export function sendReport(c: Context<AppEnv>, r: ReportDownload, name: string) {
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
