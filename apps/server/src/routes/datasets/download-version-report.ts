import { openVersionReport } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute } from "../../http/define-route.js";
import { versionParams } from "./params.js";
import { report, reportQuery, sendReport } from "./report-response.js";

const route = defineRoute("dataset.version.report", {
  method: "get",
  path: "/dataset-versions/{versionId}/validation-report",
  tags: ["Datasets"],
  summary: "The full error report of the rows a keep-valid-only version dropped (JSONL, one error a line)",
  description:
    "Each line: `{line, file, file_name, file_line, index, container, column, code, message}` (`index`: the record's 0-based index in a JSON array or Parquet file); `?format=csv` gives the same columns as CSV. 404 when the version dropped no rows.",
  request: { params: versionParams, query: reportQuery },
  responses: { 200: report },
});

export function registerDownloadVersionReport(app: Api) {
  app.openapi(route, async (c) => {
    const { versionId } = c.req.valid("param");
    const r = await openVersionReport({ ctx: c.get("ctx"), versionId, format: c.req.valid("query").format });
    return sendReport(c, r, versionId) as never;
  });
}
