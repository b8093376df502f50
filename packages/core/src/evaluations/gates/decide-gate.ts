import { type GateOutcome, type GateRule, type GateRuleOutcome, metricDirection } from "@infera/contracts";
import type { Interval } from "../metrics/bootstrap.js";

export interface GateEvidence {
  /** The candidate's (target `a`) summary per metric. */
  candidate: Record<string, Interval>;
  /** The baseline's (prod version, target `b`) summary on the same samples; absent when there is no prod. */
  baseline?: Record<string, Interval>;
  /** Paired candidate − baseline per metric, on the samples both answered. */
  pairedDelta?: Record<string, Interval>;
}

/** Pass or fail per rule; the run passes when every rule does (and there is at least one). */
export function decideGate(rules: readonly GateRule[], evidence: GateEvidence): GateOutcome {
  const outcomes: GateRuleOutcome[] = rules.map((rule) => decideRule(rule, evidence));
  return { passed: outcomes.length > 0 && outcomes.every((o) => o.passed), rules: outcomes };
}

function decideRule(rule: GateRule, evidence: GateEvidence): GateRuleOutcome {
  const c = evidence.candidate[rule.metric];
  const higher = metricDirection[rule.metric] === "higher";
  const base = {
    rule_id: rule.id,
    metric: rule.metric,
    comparator: rule.comparator,
    value: c?.value ?? null,
    ci_low: c?.ci_low ?? null,
    ci_high: c?.ci_high ?? null,
  };
  if (c?.value == null)
    return {
      ...base,
      threshold: null,
      baseline_value: null,
      passed: false,
      reason: `${rule.metric} was not measured`,
    };
  if (rule.comparator === "at_least") {
    const threshold = rule.threshold ?? 0;
    const passed = higher ? c.value >= threshold : c.value <= threshold;
    return {
      ...base,
      threshold,
      baseline_value: null,
      passed,
      reason: `${rule.metric} ${fmt(c.value)} [${fmt(c.ci_low)}, ${fmt(c.ci_high)}] is ${passed ? "within" : higher ? "below" : "above"} ${fmt(threshold)}`,
    };
  }
  const b = evidence.baseline?.[rule.metric];
  if (b?.value == null)
    return {
      ...base,
      threshold: null,
      baseline_value: null,
      passed: true,
      reason: "no prod version to compare with",
    };
  const margin = rule.margin ?? 0;
  const threshold = higher ? b.value - margin : b.value + margin;
  const passed = higher ? c.value >= threshold : c.value <= threshold;
  return {
    ...base,
    threshold,
    baseline_value: b.value,
    passed,
    reason: `${rule.metric} ${fmt(c.value)} vs prod ${fmt(b.value)} (margin ${fmt(margin)}): ${passed ? "not worse" : "worse"}`,
  };
}

function fmt(v: number | null): string {
  return v === null ? "—" : Number.isInteger(v) ? String(v) : v.toFixed(3);
}
