import { deleteGateRule } from "@infera/core";
import type { Api } from "../../http/api.js";
import { defineRoute, noContent } from "../../http/define-route.js";
import { ruleParams } from "./params.js";

const route = defineRoute("evaluation.gate_rule.delete", {
  method: "delete",
  path: "/evaluation-gate-rules/{ruleId}",
  tags: ["Evaluation"],
  summary: "Delete a gate rule (finished gate runs keep their verdicts)",
  request: { params: ruleParams },
  responses: noContent,
});

export function registerDeleteGateRule(app: Api) {
  app.openapi(route, async (c) => {
    await deleteGateRule({ ctx: c.get("ctx"), ruleId: c.req.valid("param").ruleId });
    return c.body(null, 204);
  });
}
