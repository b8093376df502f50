import { GateRule, GateRuleInput, single } from "@infera/contracts";
import { createGateRule } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, jsonBody, jsonResponse } from "../../http/define-route.js";
import { projectParams } from "./params.js";

const route = defineRoute("evaluation.gate_rule.create", {
  method: "post",
  path: "/projects/{projectId}/evaluation-gate-rules",
  tags: ["Evaluation"],
  summary: "Add a release rule that gate evaluation runs apply",
  description:
    "`at_least` needs `threshold` on the metric's own scale (0–1 for exact_match, contains, regex, json_valid, json_schema; 0–100 for rouge_l, bleu, chrf; 1–5 for judge; ≥ 0 for latency_ms and completion_tokens, where lower is better and the threshold is a ceiling). `not_worse_than_prod` takes `margin` (default 0): the candidate passes when its value is no worse than the prod version's on the same samples minus the margin. The other comparator's number answers 400. A rule decides on the point value; the run reports the interval beside it. `model_id` (a model this project manages) limits the rule to that model; null applies it to every model of the project.",
  request: { params: projectParams, body: jsonBody(GateRuleInput) },
  responses: { 201: jsonResponse(single(GateRule), "The rule") },
});

export function registerCreateGateRule(app: Api) {
  app.openapi(route, async (c) =>
    c.json(
      {
        data: await createGateRule({
          ctx: c.get("ctx"),
          projectId: c.req.valid("param").projectId,
          input: c.req.valid("json"),
        }),
      },
      201,
    ),
  );
}
