import {
  type GateMetric,
  type GateOutcome,
  type GateRule,
  type GateRuleOutcome,
  metricDirection,
} from "@infera/contracts";
import type { Interval } from "../metrics/bootstrap.js";
import type { RegressionEvidence } from "./summarize-regression.js";

export interface GateEvidence {
  /** The candidate's (target `a`) summary per metric. */
  candidate: Record<string, Interval>;
  /** The baseline's (prod version, target `b`) summary on the same samples; absent when there is no prod. */
  baseline?: Record<string, Interval>;
  /** Paired candidate − baseline per metric, on the samples both answered. */
  pairedDelta?: Record<string, Interval>;
  /** Pass-rate rules: by rule id, the candidate's regression prompts (absent: none was generated). */
  regression?: Record<string, RegressionEvidence>;
}

/** Which way is better for what a rule measures (a pass rate is higher-is-better). */
const directionOf = (m: GateMetric) =>
  m in metricDirection ? metricDirection[m as keyof typeof metricDirection] : "higher";

/**
 * Pass or fail per rule; the run passes when every rule does and at least one applied (a gate
 * without rules proves nothing, so it does not open the prod tag). Each rule decides on the point
 * value — the interval is reported beside it, not required to clear the bar (decision
 * 0041).
 */
export function decideGate(rules: readonly GateRule[], evidence: GateEvidence): GateOutcome {
  const outcomes: GateRuleOutcome[] = rules.map((rule) => decideRule(rule, evidence));
  if (outcomes.length === 0)
    return {
      passed: false,
      rules: [],
      reason:
        "no gate rule applies to this model: add a rule to the project (evaluation gate rules) and run the gate again",
    };
  const failed = outcomes.filter((o) => !o.passed);
  return {
    passed: failed.length === 0,
    rules: outcomes,
    reason: failed.length
      ? `${failed.length} of ${outcomes.length} rule${outcomes.length === 1 ? "" : "s"} failed: ${failed.map(ruleFailureText).join("; ")}`
      : `all ${outcomes.length} rule${outcomes.length === 1 ? "" : "s"} passed`,
  };
}

/** "exact_match 0.06 < 0.80" — a failed rule in the fewest words (the release gate's refusal quotes it). */
export function ruleFailureText(o: GateRuleOutcome): string {
  if (o.value === null || o.threshold === null) return `${o.metric}: ${o.reason}`;
  const lower = directionOf(o.metric) === "lower";
  const sign = o.passed ? (lower ? "≤" : "≥") : lower ? ">" : "<";
  const what = o.comparator === "not_worse_than_prod" ? ` (prod ${fmt(o.baseline_value)})` : "";
  // Two decimals, unless that would print a value equal to the bar it failed (0.799 < 0.80).
  const digits = fmt(o.value) === fmt(o.threshold) && o.value !== o.threshold ? 4 : 2;
  return `${o.metric} ${fmt(o.value, digits)} ${sign} ${fmt(o.threshold, digits)}${what}`;
}

/** Means of 0/1 scores are sums of floats: 0.7 + 0.1 must still reach a bar of 0.8. */
const EPS = 1e-9;

const measured = (i: Interval | undefined): i is Interval & { value: number } =>
  i?.value != null && Number.isFinite(i.value);

function decideRule(rule: GateRule, evidence: GateEvidence): GateRuleOutcome {
  if (rule.comparator === "pass_rate_at_least") return decidePassRate(rule, evidence.regression?.[rule.id]);
  const c = evidence.candidate[rule.metric];
  const higher = directionOf(rule.metric) === "higher";
  const base = {
    rule_id: rule.id,
    metric: rule.metric,
    comparator: rule.comparator,
    value: measured(c) ? c.value : null,
    ci_low: measured(c) ? c.ci_low : null,
    ci_high: measured(c) ? c.ci_high : null,
    delta: null,
  };
  if (!measured(c))
    return {
      ...base,
      threshold: rule.comparator === "at_least" ? (rule.threshold ?? null) : null,
      baseline_value: null,
      passed: false,
      reason: c
        ? `${rule.metric} had no score on any sample`
        : `${rule.metric} was not measured: add it to the run's metrics`,
    };
  const interval = `[${fmt(c.ci_low)}, ${fmt(c.ci_high)}]`;
  if (rule.comparator === "at_least") {
    // A rule without a threshold cannot be written through the API; one in the table anyway fails
    // rather than passing against a made-up bar.
    if (rule.threshold === null)
      return {
        ...base,
        threshold: null,
        baseline_value: null,
        passed: false,
        reason: "the rule has no threshold",
      };
    const threshold = rule.threshold;
    const passed = higher ? c.value >= threshold - EPS : c.value <= threshold + EPS;
    return {
      ...base,
      threshold,
      baseline_value: null,
      passed,
      reason: `${rule.metric} ${fmt(c.value)} ${interval} is ${passed ? (higher ? "at least" : "at most") : higher ? "below" : "above"} ${fmt(threshold)}`,
    };
  }
  if (!evidence.baseline)
    return {
      ...base,
      threshold: null,
      baseline_value: null,
      passed: true,
      reason: "no prod version to compare with: the rule passes until the model has one",
    };
  const b = evidence.baseline[rule.metric];
  if (!measured(b))
    return {
      ...base,
      threshold: null,
      baseline_value: null,
      passed: false,
      reason: `the prod version's ${rule.metric} was not measured, so the candidate cannot be compared with it`,
    };
  const margin = rule.margin ?? 0;
  const threshold = higher ? b.value - margin : b.value + margin;
  const d = evidence.pairedDelta?.[rule.metric];
  // On the samples both answered when there is a paired delta (the comparison the rule means);
  // otherwise the two means.
  const delta = measured(d) ? d.value : c.value - b.value;
  const passed = higher ? delta >= -margin - EPS : delta <= margin + EPS;
  return {
    ...base,
    threshold,
    baseline_value: b.value,
    delta: measured(d) ? { value: d.value, ci_low: d.ci_low, ci_high: d.ci_high } : null,
    passed,
    reason: `${rule.metric} ${fmt(c.value)} ${interval} vs prod ${fmt(b.value)}: ${
      measured(d)
        ? `paired Δ ${signed(d.value)} [${signed(d.ci_low)}, ${signed(d.ci_high)}]`
        : `Δ ${signed(delta)}`
    }, margin ${fmt(margin)} — ${passed ? "not worse" : "worse"}`,
  };
}

/**
 * The share of the rule's regression prompts that passed every check, decided on the point value
 * like every rule (decision 0041); the interval and the failing prompts are reported beside it.
 */
function decidePassRate(rule: GateRule, r: RegressionEvidence | undefined): GateRuleOutcome {
  const base = {
    rule_id: rule.id,
    metric: rule.metric,
    comparator: rule.comparator,
    threshold: rule.threshold,
    baseline_value: null,
    delta: null,
  };
  const empty = { value: null, ci_low: null, ci_high: null, regression: null };
  if (rule.threshold === null)
    return { ...base, ...empty, passed: false, reason: "the rule has no threshold" };
  if (!r || r.total === 0 || r.interval.value === null)
    return { ...base, ...empty, passed: false, reason: "none of the rule's regression prompts was run" };
  const value = r.interval.value;
  const passed = value >= rule.threshold - EPS;
  const failing = r.failures.length
    ? `; failing: ${r.failures
        .slice(0, 3)
        .map((f) => `#${f.prompt_index} (${f.reason})`)
        .join(", ")}${r.total - r.passed > 3 ? ", …" : ""}`
    : "";
  return {
    ...base,
    value,
    ci_low: r.interval.ci_low,
    ci_high: r.interval.ci_high,
    regression: { passed: r.passed, total: r.total, failures: r.failures },
    passed,
    reason: `${r.passed} of ${r.total} regression prompts passed: ${fmt(value)} [${fmt(r.interval.ci_low)}, ${fmt(r.interval.ci_high)}] is ${passed ? "at least" : "below"} ${fmt(rule.threshold)}${failing}`,
  };
}

function fmt(v: number | null, digits = 2): string {
  return v === null ? "—" : Number.isInteger(v) ? String(v) : v.toFixed(digits);
}

function signed(v: number | null): string {
  return v === null ? "—" : `${v >= 0 ? "+" : "−"}${fmt(Math.abs(v))}`;
}
