import type { LocaleShape } from "../types";
import type { evaluationGateRulesZhCN } from "./evaluation-gate-rules.zh-CN";

export const evaluationGateRulesEnUS: LocaleShape<typeof evaluationGateRulesZhCN> = {
  title: "Gate rules",
  tab: "Gate rules",
  description:
    "What a candidate version must show in a gate run. A gate run applies the project's rules and those of the candidate's model; in a Prod project the prod tag needs a passing gate run.",
  add: "Add rule",
  empty: "No gate rules yet",
  emptyHint: "Add a rule such as “exact match ≥ 0.8”; every gate run checks it.",
  readOnly: "Only the project's owners and tenant admins add and delete gate rules.",
  manage: "Manage gate rules",
  manageNewTab: "Manage gate rules (new tab)",
  col: {
    metric: "Metric",
    rule: "Rule",
    scope: "Applies to",
    prompts: "Regression prompts",
    description: "Description",
    created: "Created",
  },
  everyModel: "Every model of the project",
  createdBy: "{{date}} · {{by}}",
  rule: {
    atLeast: "≥ {{threshold}}",
    atMost: "≤ {{threshold}}",
    notWorse: "not worse than prod by more than {{margin}}",
    passRate: "≥ {{threshold}} of {{count}} regression prompts pass",
  },
  comparator: {
    at_least: "Threshold",
    not_worse_than_prod: "Not worse than prod",
    pass_rate_at_least: "Regression prompts pass rate",
  },
  comparatorHint: {
    at_least:
      "The candidate's value must reach the threshold (for lower-is-better metrics the threshold is a ceiling).",
    not_worse_than_prod:
      "On the same samples, the candidate may be at most the margin worse than the prod version.",
    pass_rate_at_least:
      "The rule holds its own regression prompts; a prompt passes when all its checks pass, and the share that passes must reach the threshold.",
  },
  field: {
    comparator: "Kind of rule",
    metric: "Metric",
    threshold: "Threshold",
    passRate: "Pass rate (0–1)",
    margin: "Margin",
    model: "Model",
    description: "Description",
    prompts: "Regression prompts (JSONL)",
  },
  scale: "Scale {{min}}–{{max}}",
  scaleOpen: "At least {{min}}; lower is better, so the threshold is a ceiling",
  marginHint: "0: not worse at all; no wider than the metric's whole scale.",
  modelPlaceholder: "Every model of the project",
  modelHint: "Limit the rule to one model; empty applies it to every model of the project.",
  promptsHint:
    'One JSON object a line: {"prompt": "…", "checks": [{"kind": "contains", "text": "…"}]}. Check kinds: contains, not_contains, exact, regex, json_valid, json_schema. At most 500 prompts.',
  upload: "Upload a .jsonl file",
  uploadFailed: "Could not read {{name}}",
  promptsRead: "{{count}} prompts read",
  required: "{{field}} is required",
  problem: {
    not_json: "Line {{line}}: not valid JSON",
    not_object: "Line {{line}}: not a JSON object ({prompt, checks})",
    at: "Line {{line}}: {{path}}: {{detail}}",
    line: "Line {{line}}: {{detail}}",
    empty: "Paste at least one prompt",
    tooMany: "{{count}} prompts; a rule holds at most {{max}}",
  },
  createTitle: "Add gate rule",
  created: "Added gate rule: {{rule}}",
  deleteOf: "Delete rule {{rule}}",
  deleteTitle: "Delete the gate rule {{rule}}?",
  deleteBody: "Gate runs from now on no longer check it; finished gate runs keep their verdicts.",
  deleted: "Deleted gate rule: {{rule}}",
};
