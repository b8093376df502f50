import type { GateRuleOutcome } from "@infera/contracts";
import { describe, expect, it } from "vitest";
import { createI18n } from "../../i18n/i18n";
import { enUS } from "../../i18n/locales/en-US";
import { zhCN } from "../../i18n/locales/zh-CN";
import { gateRuleReasonText } from "./gate-rule-reason";
import { gateOutcome } from "./test/fixtures";

const t = (lang: "en-US" | "zh-CN") => createI18n(lang, { "zh-CN": zhCN, "en-US": enUS }).t;
const notWorse = { comparator: "not_worse_than_prod" as const, threshold: null, baseline_value: null };

/** Every verdict a rule can have, said from the outcome's numbers in both languages. */
const CASES: [string, Partial<GateRuleOutcome>, string, string][] = [
  [
    "at least, passed",
    {},
    "Exact match 0.62 [0.55, 0.69] is at least 0.5",
    "精确匹配 0.62 [0.55, 0.69]，不低于 0.5",
  ],
  [
    "at least, failed",
    { value: 0.06, ci_low: 0.03, ci_high: 0.1, threshold: 0.8, passed: false },
    "Exact match 0.06 [0.03, 0.1] is below 0.8",
    "精确匹配 0.06 [0.03, 0.1]，低于 0.8",
  ],
  [
    "lower is better, failed",
    { metric: "perplexity", value: 12.5, ci_low: null, ci_high: null, threshold: 10, passed: false },
    "Perplexity 12.5 is above 10.0",
    "困惑度 12.5，高于 10.0",
  ],
  [
    "no score",
    { value: null, ci_low: null, ci_high: null, passed: false },
    "Exact match has no score in this run: add it to the run's metrics, or open the samples to see why none was scored",
    "本次运行没有精确匹配的分数：请把它加入评估指标，或打开样本查看为何没有得分",
  ],
  ["no threshold", { threshold: null, passed: false }, "the rule has no threshold", "该规则没有设置阈值"],
  [
    "no prod version",
    { ...notWorse, passed: true },
    "no prod version to compare with: the rule passes until the model has one",
    "还没有 prod 版本可以比较：在模型有 prod 版本之前，该规则视为通过",
  ],
  [
    "prod not measured",
    { ...notWorse, passed: false },
    "the prod version's Exact match was not measured, so the candidate cannot be compared with it",
    "prod 版本没有测量精确匹配，无法与候选版本比较",
  ],
  [
    "worse than prod, paired",
    {
      ...notWorse,
      value: 0.5,
      baseline_value: 0.7,
      threshold: 0.68,
      delta: { value: -0.2, ci_low: -0.3, ci_high: -0.1 },
      passed: false,
    },
    "Exact match 0.5 [0.55, 0.69] vs prod 0.7: paired Δ −0.2 [−0.3, −0.1], margin 0.02 — worse",
    "精确匹配 0.5 [0.55, 0.69]，prod 为 0.7：配对差值 −0.2 [−0.3, −0.1]，容差 0.02，比 prod 差",
  ],
  [
    "not worse than prod, means",
    { ...notWorse, value: 0.72, baseline_value: 0.7, threshold: 0.7, delta: null, passed: true },
    "Exact match 0.72 [0.55, 0.69] vs prod 0.7: Δ +0.02, margin 0 — not worse",
    "精确匹配 0.72 [0.55, 0.69]，prod 为 0.7：差值 +0.02，容差 0，不比 prod 差",
  ],
  [
    "pass rate below",
    {
      metric: "regression_pass_rate",
      comparator: "pass_rate_at_least",
      value: 0.5,
      ci_low: 0.25,
      ci_high: 0.75,
      threshold: 0.9,
      passed: false,
      regression: { passed: 2, total: 4, failures: [] },
    },
    "2 of 4 regression prompts passed: 0.5 [0.25, 0.75] is below 0.9",
    "4 条回归提示中通过 2 条：0.5 [0.25, 0.75]，低于 0.9",
  ],
  [
    "pass rate, nothing run",
    {
      metric: "regression_pass_rate",
      comparator: "pass_rate_at_least",
      value: null,
      threshold: 0.9,
      passed: false,
      regression: null,
    },
    "none of the rule's regression prompts was run",
    "该规则的回归提示一条都没有运行",
  ],
];

describe("gateRuleReasonText", () => {
  it.each(CASES)("%s", (_, over, en, zh) => {
    const outcome = gateOutcome({ reason: "the stored English reason", ...over });
    expect(gateRuleReasonText(outcome, t("en-US"))).toBe(en);
    expect(gateRuleReasonText(outcome, t("zh-CN"))).toBe(zh);
  });
});
