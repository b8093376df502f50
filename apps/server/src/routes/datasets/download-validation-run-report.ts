import { openValidationRunReport } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute } from "../../http/define-route.js";
import { runParams } from "./params.js";
import { report, reportQuery, sendReport } from "./report-response.js";

const route = defineRoute("dataset.version.report", {
  method: "get",
  path: "/dataset-validation-runs/{runId}/report",
  tags: ["Datasets"],
  summary: "The full error report of a validation run (JSONL, one error a line; `?format=csv` for CSV)",
  request: { params: runParams, query: reportQuery },
  responses: { 200: report },
});

export function registerDownloadValidationRunReport(app: Api) {
  app.openapi(route, async (c) => {
    const { runId } = c.req.valid("param");
    const r = await openValidationRunReport({
      ctx: c.get("ctx"),
      runId,
      format: c.req.valid("query").format,
    });
    return sendReport(c, r, runId) as never;
  });
}
