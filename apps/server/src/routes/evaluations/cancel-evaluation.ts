import { EvaluationRun, single } from "@infera/contracts";
import { cancelEvaluation } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { runParams } from "./params.js";

const route = defineRoute("evaluation.cancel", {
  method: "post",
  path: "/evaluations/{runId}/cancel",
  tags: ["Evaluation"],
  summary: "Cancel a run: queued → canceled; running → canceling (the runner stops between samples)",
  description: "A run already canceling or finished answers 409 `conflict` with its `status`.",
  request: { params: runParams },
  responses: { 200: jsonResponse(single(EvaluationRun), "The run after the transition") },
});

export function registerCancelEvaluation(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await cancelEvaluation({ ctx: c.get("ctx"), runId: c.req.valid("param").runId }) }, 200),
  );
}
