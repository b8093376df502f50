import { GateRule, listOf } from "@infera/contracts";
import { listGateRules } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, listResponse } from "../../http/define-route.js";
import { respondList } from "../../http/list-response.js";
import { GateRuleListQuery, projectParams } from "./params.js";

const route = defineRoute("evaluation.gate_rule.list", {
  method: "get",
  path: "/projects/{projectId}/evaluation-gate-rules",
  tags: ["Evaluation"],
  summary: "List the project's evaluation gate rules",
  description:
    "Oldest first, the order a gate run reports them in. `model_id` keeps the rules that apply to that model: its own and the ones for every model of the project. `q` finds a part of the description, a metric name or an id. A pass-rate rule's regression prompts come only with `include_prompts=true` (a rule holds up to 500); `prompt_count` always.",
  request: { params: projectParams, query: GateRuleListQuery },
  responses: { 200: listResponse(listOf(GateRule), "Gate rules") },
});

export function registerListGateRules(app: Api) {
  app.openapi(route, async (c) => {
    const { projectId } = c.req.valid("param");
    const query = c.req.valid("query");
    return respondList(
      c,
      query,
      (cursor, limit) => listGateRules({ ctx: c.get("ctx"), projectId, query: { ...query, cursor, limit } }),
      "evaluation-gate-rules",
    );
  });
}
