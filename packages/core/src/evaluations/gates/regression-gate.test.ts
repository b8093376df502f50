import type { GateRule, RegressionCheck, RegressionPrompt } from "@infera/contracts";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../shared/errors.js";
import { checkRegressionAnswer } from "./check-regression-answer.js";
import { checkRegressionPrompts } from "./check-regression-prompts.js";
import { checkGateRuleInput } from "./create-gate-rule.js";
import { decideGate } from "./decide-gate.js";
import { summarizeRegression } from "./summarize-regression.js";

const verdict = (checks: RegressionCheck[], output: string | null) => checkRegressionAnswer(checks, output);

describe("regression checks", () => {
  it("contains / not_contains / exact compare under the metrics' normalization", () => {
    const ci = {
      lowercase: true,
      trim: true,
      collapse_whitespace: true,
      strip_punctuation: false,
      strip_articles: false,
    };
    expect(verdict([{ kind: "contains", text: "Refund" }], "You get a refund").passed).toBe(false);
    expect(
      verdict([{ kind: "contains", text: "Refund", normalization: ci }], "You get a refund").passed,
    ).toBe(true);
    const leak = verdict([{ kind: "not_contains", text: "password" }], "the password is x");
    expect(leak).toEqual({
      passed: false,
      checks: [
        {
          kind: "not_contains",
          passed: false,
          reason: 'contains "password"',
          failure: { code: "forbidden_text", expected: "password", got: null, detail: null },
        },
      ],
    });
    expect(verdict([{ kind: "exact", text: "billing" }], "  billing \n").passed).toBe(true);
    const other = verdict([{ kind: "exact", text: "billing" }], "shipping").checks[0]!;
    expect(other.reason).toBe('is "shipping", expected "billing"');
    // The same in parts, for a console to say in its own language.
    expect(other.failure).toEqual({ code: "not_exact", expected: "billing", got: "shipping", detail: null });
    expect(verdict([{ kind: "contains", text: "x".repeat(100) }], "y").checks[0]!.failure).toMatchObject({
      code: "missing_text",
      expected: `${"x".repeat(80)}…`,
    });
    expect(verdict([{ kind: "exact", text: "billing" }], "billing").checks[0]!.failure).toBeNull();
  });

  it("regex, json_valid and json_schema; a prompt passes only when every check does", () => {
    const schema = {
      type: "object",
      required: ["route"],
      properties: { route: { enum: ["billing", "tech"] } },
    };
    const checks: RegressionCheck[] = [
      { kind: "json_valid" },
      { kind: "json_schema", schema },
      { kind: "regex", pattern: "^\\{", flags: "" },
    ];
    expect(verdict(checks, '{"route":"billing"}').passed).toBe(true);
    const wrong = verdict(checks, '{"route":"sales"}');
    expect(wrong.passed).toBe(false);
    expect(wrong.checks.map((c) => c.passed)).toEqual([true, false, true]);
    expect(wrong.checks[1]!.reason).toMatch(/^does not conform to the schema: \$\.route/);
    const prose = verdict(checks, "route: billing");
    expect(prose.checks.map((c) => c.reason)).toEqual([
      "is not valid JSON",
      "is not valid JSON",
      "does not match /^\\{/",
    ]);
    expect(prose.checks.map((c) => c.failure?.code)).toEqual(["not_json", "not_json", "no_match"]);
    expect(prose.checks[2]!.failure!.expected).toBe("/^\\{/");
    expect(wrong.checks[1]!.failure).toMatchObject({
      code: "schema_mismatch",
      detail: expect.stringMatching(/^\$\.route/),
    });
    const broken = verdict([{ kind: "regex", pattern: "(", flags: "" }], "x").checks[0]!;
    expect(broken.failure).toMatchObject({ code: "bad_pattern", detail: expect.any(String) });
    expect(broken.reason).toBe(`the pattern does not compile: ${broken.failure!.detail}`);
  });

  it("a failed generation fails every check with its error", () => {
    const r = checkRegressionAnswer([{ kind: "json_valid" }], null, "HTTP 500: boom");
    expect(r).toEqual({
      passed: false,
      checks: [
        {
          kind: "json_valid",
          passed: false,
          reason: "no answer: HTTP 500: boom",
          failure: { code: "no_answer", expected: null, got: null, detail: "HTTP 500: boom" },
        },
      ],
    });
  });
});

describe("regression prompt sets at creation", () => {
  const fieldOf = (prompts: RegressionPrompt[] | undefined) => {
    try {
      checkRegressionPrompts(prompts);
      return null;
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe("unprocessable_content");
      return ((err as DomainError).details as { field: string }).field;
    }
  };
  const ok = { prompt: "hi", checks: [{ kind: "json_valid" as const }] };

  it("names the field of the first problem", () => {
    expect(fieldOf([ok])).toBeNull();
    expect(fieldOf(undefined)).toBe("prompts");
    expect(fieldOf([])).toBe("prompts");
    const bad = (c: RegressionCheck) => [ok, ok, ok, { prompt: "x", checks: [c] }];
    expect(fieldOf(bad({ kind: "regex", pattern: "(" }))).toBe("prompts[3].checks[0].pattern");
    expect(fieldOf(bad({ kind: "regex", pattern: "a", flags: "gx" }))).toBe("prompts[3].checks[0].flags");
    expect(fieldOf(bad({ kind: "regex" }))).toBe("prompts[3].checks[0].pattern");
    expect(fieldOf(bad({ kind: "contains" }))).toBe("prompts[3].checks[0].text");
    expect(fieldOf(bad({ kind: "json_schema", schema: { $ref: "#/x" } }))).toBe(
      "prompts[3].checks[0].schema",
    );
    expect(fieldOf(bad({ kind: "json_valid", text: "x" }))).toBe("prompts[3].checks[0].text");
    expect(fieldOf([{ prompt: "  ", checks: [{ kind: "json_valid" }] }])).toBe("prompts[0].prompt");
  });

  it("a pass-rate rule needs a 0–1 threshold and prompts; other rules take no prompts", () => {
    const input = {
      model_id: null,
      comparator: "pass_rate_at_least" as const,
      description: "",
      prompts: [ok],
    };
    expect(checkGateRuleInput({ ...input, threshold: 0.9 })).toEqual({
      metric: "regression_pass_rate",
      threshold: 0.9,
      margin: null,
    });
    expect(() => checkGateRuleInput({ ...input, threshold: 90 })).toThrow(/between 0 and 1/);
    expect(() => checkGateRuleInput({ ...input, threshold: 0.9, metric: "exact_match" })).toThrow(/measures/);
    expect(() =>
      checkGateRuleInput({
        model_id: null,
        comparator: "at_least",
        metric: "exact_match",
        threshold: 0.8,
        description: "",
        prompts: [ok],
      }),
    ).toThrow(/prompts belong/);
    expect(() =>
      checkGateRuleInput({ model_id: null, comparator: "at_least", threshold: 0.8, description: "" }),
    ).toThrow(/needs a metric/);
  });
});

describe("deciding a pass-rate rule", () => {
  const rule: GateRule = {
    id: "egr_00000000000000000000000001",
    project_id: "proj_x",
    model_id: null,
    metric: "regression_pass_rate",
    comparator: "pass_rate_at_least",
    threshold: 0.9,
    prompt_count: 0,
    margin: null,
    prompts: [],
    description: "",
    created_at: new Date(0).toISOString(),
    created_by: null,
  };
  const samples = (passing: number, failing: number) =>
    Array.from({ length: passing + failing }, (_, i) => ({
      index: 1_000_000_000 + i,
      input: `prompt ${i}`,
      regression: {
        rule_id: rule.id,
        prompt_index: i,
        passed: i < passing,
        checks: [
          {
            kind: "json_valid" as const,
            passed: i < passing,
            reason: i < passing ? null : "is not valid JSON",
            failure:
              i < passing ? null : { code: "not_json" as const, expected: null, got: null, detail: null },
          },
        ],
      },
    }));

  it("decides on the point value, with the bootstrap interval and the failing prompts named", () => {
    const pass = decideGate([rule], { candidate: {}, regression: summarizeRegression(samples(19, 1), 42) });
    expect(pass.passed).toBe(true);
    const o = pass.rules[0]!;
    expect(o).toMatchObject({ value: 0.95, threshold: 0.9, passed: true, metric: "regression_pass_rate" });
    // The interval reaches below the bar; the point value decides (decision 0041).
    expect(o.ci_low!).toBeLessThan(0.9);
    expect(o.ci_high!).toBeLessThanOrEqual(1);
    expect(o.regression).toEqual({
      passed: 19,
      total: 20,
      failures: [
        {
          index: 1_000_000_019,
          prompt_index: 19,
          prompt: "prompt 19",
          reason: "checks[0] json_valid: is not valid JSON",
          check: {
            index: 0,
            kind: "json_valid",
            failure: { code: "not_json", expected: null, got: null, detail: null },
          },
        },
      ],
    });
    // A sample from before the parts were recorded: its reason only.
    const legacy = samples(0, 1).map((x) => ({
      ...x,
      regression: { ...x.regression, checks: x.regression.checks.map(({ failure: _, ...c }) => c) },
    }));
    expect(summarizeRegression(legacy, 42)[rule.id]!.failures[0]).toMatchObject({
      reason: "checks[0] json_valid: is not valid JSON",
      check: null,
    });
    // The same seed gives the same interval.
    const again = decideGate([rule], { candidate: {}, regression: summarizeRegression(samples(19, 1), 42) });
    expect(again.rules[0]!.ci_low).toBe(o.ci_low);

    const fail = decideGate([rule], { candidate: {}, regression: summarizeRegression(samples(16, 4), 42) });
    expect(fail.passed).toBe(false);
    expect(fail.rules[0]!.reason).toMatch(
      /^16 of 20 regression prompts passed: 0\.80 \[.*\] is below 0\.90; failing: #16 /,
    );
    expect(fail.reason).toMatch(/regression_pass_rate 0\.80 < 0\.90/);
  });

  it("fails when none of its prompts was run", () => {
    const none = decideGate([rule], { candidate: {} });
    expect(none.rules[0]).toMatchObject({
      passed: false,
      value: null,
      reason: "none of the rule's regression prompts was run",
    });
  });
});
