import { type GateRule, MetricName, metricDirection } from "@infera/contracts";
import type { TFunction } from "i18next";

/** A rule's number as it was set (0.8, 50, 0.025), without a run metric's rounding. */
const num = (v: number | null | undefined) =>
  v === null || v === undefined ? "—" : String(Number(v.toPrecision(6)));

/** The comparison alone: `≥ 0.8`, `≤ 500` (lower is better), `not worse than prod by more than 0.02`. */
export function comparisonText(
  rule: Pick<GateRule, "metric" | "comparator" | "threshold" | "margin" | "prompt_count">,
  t: TFunction,
): string {
  if (rule.comparator === "pass_rate_at_least")
    return t("evaluationGateRules.rule.passRate", {
      threshold: num(rule.threshold),
      count: rule.prompt_count ?? 0,
    });
  if (rule.comparator === "not_worse_than_prod")
    return t("evaluationGateRules.rule.notWorse", { margin: num(rule.margin ?? 0) });
  const metric = MetricName.safeParse(rule.metric);
  const lower = metric.success && metricDirection[metric.data] === "lower";
  return t(lower ? "evaluationGateRules.rule.atMost" : "evaluationGateRules.rule.atLeast", {
    threshold: num(rule.threshold),
  });
}

/** The whole rule as a person reads it: `Exact match ≥ 0.8`. */
export function ruleText(
  rule: Pick<GateRule, "metric" | "comparator" | "threshold" | "margin" | "prompt_count">,
  t: TFunction,
): string {
  return `${t(`evaluationPage.metric.${rule.metric}`)} ${comparisonText(rule, t)}`;
}
