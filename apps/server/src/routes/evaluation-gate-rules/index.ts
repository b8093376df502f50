import type { Api } from "../../http/api.js";
import { registerCreateGateRule } from "./create-gate-rule.js";
import { registerDeleteGateRule } from "./delete-gate-rule.js";
import { registerListGateRules } from "./list-gate-rules.js";

/** A project's release rules for gate evaluation runs (the prod release gate reads their verdicts). */
export function registerEvaluationGateRuleRoutes(app: Api) {
  registerListGateRules(app);
  registerCreateGateRule(app);
  registerDeleteGateRule(app);
}
