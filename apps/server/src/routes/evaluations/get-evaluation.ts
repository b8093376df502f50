import { EvaluationRun, single } from "@infera/contracts";
import { getEvaluation } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { runParams } from "./params.js";

const route = defineRoute("evaluation.read", {
  method: "get",
  path: "/evaluations/{runId}",
  tags: ["Evaluation"],
  summary: "One evaluation run: targets, configuration, progress, summary and gate",
  description: "`eta_seconds` estimates the time left from the pace so far while the run is running.",
  request: { params: runParams },
  responses: { 200: jsonResponse(single(EvaluationRun), "The run") },
});

export function registerGetEvaluation(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await getEvaluation({ ctx: c.get("ctx"), runId: c.req.valid("param").runId }) }, 200),
  );
}
