import { type GateRuleOutcome, metricDirection } from "@infera/contracts";
import type { TFunction } from "i18next";
import { formatValue } from "./api";

/**
 * A gate rule's verdict in one sentence in the console's language, said from the outcome's numbers
 * (value, interval, threshold, prod's value, the paired difference, the prompts passed) with the
 * console's metric names. The server's English `reason` says the same; the failing regression
 * prompts are listed under the rule, so the sentence does not repeat them.
 */
export function gateRuleReasonText(o: GateRuleOutcome, t: TFunction): string {
  const metric = t(`evaluationPage.metric.${o.metric}`, { defaultValue: o.metric });
  const interval =
    o.ci_low !== null && o.ci_high !== null ? ` [${formatValue(o.ci_low)}, ${formatValue(o.ci_high)}]` : "";
  const value = formatValue(o.value);
  const threshold = formatValue(o.threshold);

  if (o.comparator === "pass_rate_at_least") {
    if (o.threshold === null) return t("evaluationPage.gateReason.noThreshold");
    if (!o.regression || o.value === null) return t("evaluationPage.gateReason.noPromptRun");
    const { passed, total } = o.regression;
    const args = { passed, total, value, interval, threshold };
    return o.passed
      ? t("evaluationPage.gateReason.passRateMet", args)
      : t("evaluationPage.gateReason.passRateBelow", args);
  }
  if (o.value === null) return t("evaluationPage.gateReason.notScored", { metric });
  const lower =
    o.metric in metricDirection && metricDirection[o.metric as keyof typeof metricDirection] === "lower";
  if (o.comparator === "at_least") {
    if (o.threshold === null) return t("evaluationPage.gateReason.noThreshold");
    const args = { metric, value, interval, threshold };
    if (o.passed)
      return lower
        ? t("evaluationPage.gateReason.atMost", args)
        : t("evaluationPage.gateReason.atLeast", args);
    return lower ? t("evaluationPage.gateReason.above", args) : t("evaluationPage.gateReason.below", args);
  }
  // Not worse than prod: no prod version (passes), prod not measured (fails), or the comparison.
  if (o.baseline_value === null)
    return o.passed
      ? t("evaluationPage.gateReason.noProd")
      : t("evaluationPage.gateReason.prodNotMeasured", { metric });
  const signed = (v: number) => `${v >= 0 ? "+" : "−"}${formatValue(Math.abs(v))}`;
  const delta = o.delta
    ? t("evaluationPage.gateReason.pairedDelta", {
        delta: signed(o.delta.value),
        interval:
          o.delta.ci_low !== null && o.delta.ci_high !== null
            ? ` [${signed(o.delta.ci_low)}, ${signed(o.delta.ci_high)}]`
            : "",
      })
    : t("evaluationPage.gateReason.delta", { delta: signed(o.value - o.baseline_value) });
  const margin = formatValue(o.threshold === null ? 0 : Math.abs(o.baseline_value - o.threshold));
  const args = { metric, value, interval, prod: formatValue(o.baseline_value), delta, margin };
  return o.passed
    ? t("evaluationPage.gateReason.notWorse", args)
    : t("evaluationPage.gateReason.worse", args);
}
