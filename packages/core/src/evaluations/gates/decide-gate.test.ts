import type { GateRule, MetricName } from "@infera/contracts";
import { describe, expect, it } from "vitest";
import { type Interval, meanInterval, pairedDeltaInterval } from "../metrics/bootstrap.js";
import { decideGate, ruleFailureText } from "./decide-gate.js";

let n = 0;
function rule(
  metric: MetricName,
  comparator: GateRule["comparator"],
  numbers: { threshold?: number; margin?: number } = {},
): GateRule {
  n += 1;
  return {
    id: `egr_${String(n).padStart(26, "0")}`,
    project_id: "proj_x",
    model_id: null,
    metric,
    comparator,
    threshold: numbers.threshold ?? null,
    margin: numbers.margin ?? null,
    prompt_count: null,
    description: "",
    created_at: new Date(0).toISOString(),
    created_by: null,
  };
}
const point = (value: number | null, n = 10): Interval => ({
  value,
  ci_low: value === null ? null : value - 0.05,
  ci_high: value === null ? null : value + 0.05,
  n,
});

describe("decideGate", () => {
  it("passes at_least on the point value, reporting the interval, and fails below it", () => {
    const r = rule("exact_match", "at_least", { threshold: 0.8 });
    const pass = decideGate([r], { candidate: { exact_match: point(0.82) } });
    expect(pass.passed).toBe(true);
    expect(pass.rules[0]).toMatchObject({ value: 0.82, threshold: 0.8, passed: true });
    // The interval reaches below the bar; the point value decides (decision 0041).
    expect(pass.rules[0]!.ci_low!).toBeLessThan(0.8);
    const fail = decideGate([r], { candidate: { exact_match: point(0.06) } });
    expect(fail.passed).toBe(false);
    expect(fail.rules[0]!.reason).toContain("below 0.80");
    expect(ruleFailureText(fail.rules[0]!)).toBe("exact_match 0.06 < 0.80");
    expect(fail.reason).toContain("1 of 1 rule failed: exact_match 0.06 < 0.80");
  });

  it("counts a mean that sums floats to the bar as reaching it", () => {
    const r = rule("exact_match", "at_least", { threshold: 0.8 });
    expect(decideGate([r], { candidate: { exact_match: point(0.7 + 0.1) } }).passed).toBe(true);
  });

  it("reads at_least as a ceiling for lower-is-better metrics", () => {
    const r = rule("latency_ms", "at_least", { threshold: 500 });
    expect(decideGate([r], { candidate: { latency_ms: point(420) } }).passed).toBe(true);
    const slow = decideGate([r], { candidate: { latency_ms: point(730) } });
    expect(slow.passed).toBe(false);
    expect(slow.rules[0]!.reason).toContain("above 500");
    expect(ruleFailureText(slow.rules[0]!)).toBe("latency_ms 730 > 500");
  });

  it("fails a rule whose metric the run did not measure, or that no sample scored", () => {
    const rules = [
      rule("bleu", "at_least", { threshold: 20 }),
      rule("exact_match", "at_least", { threshold: 0.5 }),
    ];
    const out = decideGate(rules, { candidate: { exact_match: point(null, 0) } });
    expect(out.passed).toBe(false);
    expect(out.rules.map((o) => o.passed)).toEqual([false, false]);
    expect(out.rules[0]!.reason).toBe("bleu was not measured: add it to the run's metrics");
    expect(out.rules[1]!.reason).toBe("exact_match had no score on any sample");
    expect(out.rules[0]!.threshold).toBe(20);
  });

  it("passes not_worse_than_prod when there is no prod version, and says so", () => {
    const out = decideGate([rule("exact_match", "not_worse_than_prod", { margin: 0 })], {
      candidate: { exact_match: point(0.3) },
    });
    expect(out.passed).toBe(true);
    expect(out.rules[0]!.reason).toMatch(/no prod version to compare with/);
    expect(out.rules[0]!.baseline_value).toBeNull();
  });

  it("fails not_worse_than_prod when prod is there but its value was not measured", () => {
    const out = decideGate([rule("chrf", "not_worse_than_prod")], {
      candidate: { chrf: point(50) },
      baseline: { exact_match: point(0.5) },
    });
    expect(out.passed).toBe(false);
    expect(out.rules[0]!.reason).toContain("prod version's chrf was not measured");
  });

  it("decides not_worse_than_prod on the paired delta and reports its interval", () => {
    const a = [1, 1, 0, 1, 1, 0, 1, 1, 1, 0];
    const b = [1, 1, 1, 1, 1, 0, 1, 1, 1, 1];
    const evidence = {
      candidate: { exact_match: meanInterval(a, { seed: 1 }) },
      baseline: { exact_match: meanInterval(b, { seed: 1 }) },
      pairedDelta: { exact_match: pairedDeltaInterval(a, b, { seed: 1 }) },
    };
    const strict = decideGate([rule("exact_match", "not_worse_than_prod", { margin: 0 })], evidence);
    expect(strict.passed).toBe(false);
    const o = strict.rules[0]!;
    expect(o.baseline_value).toBeCloseTo(0.9);
    expect(o.threshold).toBeCloseTo(0.9);
    expect(o.delta!.value).toBeCloseTo(-0.2);
    expect(o.delta!.ci_low!).toBeLessThanOrEqual(-0.2);
    expect(o.delta!.ci_high!).toBeGreaterThanOrEqual(-0.2);
    expect(o.reason).toMatch(/paired Δ −0\.20 \[/);
    expect(ruleFailureText(o)).toBe("exact_match 0.70 < 0.90 (prod 0.90)");
    const lenient = decideGate([rule("exact_match", "not_worse_than_prod", { margin: 0.2 })], evidence);
    expect(lenient.passed).toBe(true);
    expect(lenient.rules[0]!.threshold).toBeCloseTo(0.7);
  });

  it("uses the paired delta, not the two means, when the sides answered different samples", () => {
    // Means say candidate 0.6 vs prod 0.8 (worse); on the samples both answered it is +0.1.
    const out = decideGate([rule("exact_match", "not_worse_than_prod", { margin: 0 })], {
      candidate: { exact_match: point(0.6) },
      baseline: { exact_match: point(0.8) },
      pairedDelta: { exact_match: { value: 0.1, ci_low: -0.1, ci_high: 0.3, n: 8 } },
    });
    expect(out.passed).toBe(true);
    // Without a paired delta the means decide.
    const unpaired = decideGate([rule("exact_match", "not_worse_than_prod", { margin: 0 })], {
      candidate: { exact_match: point(0.6) },
      baseline: { exact_match: point(0.8) },
    });
    expect(unpaired.passed).toBe(false);
    expect(unpaired.rules[0]!.delta).toBeNull();
  });

  it("turns the margin around for lower-is-better metrics", () => {
    const r = rule("latency_ms", "not_worse_than_prod", { margin: 50 });
    const ok = decideGate([r], {
      candidate: { latency_ms: point(240) },
      baseline: { latency_ms: point(200) },
    });
    expect(ok.passed).toBe(true);
    expect(ok.rules[0]!.threshold).toBe(250);
    const slow = decideGate([r], {
      candidate: { latency_ms: point(260) },
      baseline: { latency_ms: point(200) },
    });
    expect(slow.passed).toBe(false);
    expect(ruleFailureText(slow.rules[0]!)).toBe("latency_ms 260 > 250 (prod 200)");
  });

  it("does not pass without rules, and says why", () => {
    const out = decideGate([], { candidate: { exact_match: point(1) } });
    expect(out.passed).toBe(false);
    expect(out.rules).toEqual([]);
    expect(out.reason).toMatch(/no gate rule applies/);
  });

  it("passes only when every rule does", () => {
    const rules = [
      rule("exact_match", "at_least", { threshold: 0.5 }),
      rule("rouge_l", "at_least", { threshold: 40 }),
    ];
    const out = decideGate(rules, { candidate: { exact_match: point(0.9), rouge_l: point(30) } });
    expect(out.passed).toBe(false);
    expect(out.rules.map((o) => o.passed)).toEqual([true, false]);
    expect(out.reason).toBe("1 of 2 rules failed: rouge_l 30 < 40");
    const all = decideGate(rules, { candidate: { exact_match: point(0.9), rouge_l: point(45) } });
    expect(all).toMatchObject({ passed: true, reason: "all 2 rules passed" });
  });

  it("prints more digits when two would hide the difference", () => {
    const out = decideGate([rule("exact_match", "at_least", { threshold: 0.8 })], {
      candidate: { exact_match: point(0.799) },
    });
    expect(ruleFailureText(out.rules[0]!)).toBe("exact_match 0.7990 < 0.8000");
  });
});
