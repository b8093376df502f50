import { EvaluationRun, single } from "@infera/contracts";
import { rerunEvaluation } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonResponse } from "../../http/define-route.js";
import { runParams } from "./params.js";

const route = defineRoute("evaluation.create", {
  method: "post",
  path: "/evaluations/{runId}/rerun",
  tags: ["Evaluation"],
  summary: "Run again: a new run with the same configuration, tags resolved again",
  description:
    "Targets named by a tag (`model:prod`) are resolved again, a gate run's rules and prod baseline are found again, and everything is checked as on create. The new run's `rerun_of` names this one.",
  request: { params: runParams },
  responses: { 201: jsonResponse(single(EvaluationRun), "The new queued run") },
});

export function registerRerunEvaluation(app: Api) {
  app.openapi(route, async (c) =>
    c.json({ data: await rerunEvaluation({ ctx: c.get("ctx"), runId: c.req.valid("param").runId }) }, 201),
  );
}
