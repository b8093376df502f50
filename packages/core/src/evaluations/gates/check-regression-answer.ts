import type { RegressionCheck, RegressionSampleResult } from "@infera/contracts";
import { normalize } from "../metrics/exact-match.js";
import { validateJsonSchema } from "../metrics/json-schema.js";
import { compileMetricPattern } from "../metrics/regex-match.js";

type CheckResult = RegressionSampleResult["checks"][number];

/** Long texts in a reason are cut: the reason is read in a table cell. */
const clip = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n)}…` : s);
const quote = (s: string) => JSON.stringify(clip(s));

/**
 * Each check's verdict on an answer, with why a failed one failed. A prompt passes when every check
 * passes. A missing answer (the generation failed) fails every check with the error as the reason.
 * Never throws: the checks were validated when the rule was created.
 */
export function checkRegressionAnswer(
  checks: readonly RegressionCheck[],
  output: string | null,
  error: string | null = null,
): { passed: boolean; checks: CheckResult[] } {
  const results = checks.map((c): CheckResult => {
    if (output === null)
      return { kind: c.kind, passed: false, reason: `no answer: ${error ?? "unknown error"}` };
    const reason = failureOf(c, output);
    return { kind: c.kind, passed: reason === null, reason };
  });
  return { passed: results.every((r) => r.passed), checks: results };
}

/** Why the answer fails the check, or null when it passes. */
function failureOf(c: RegressionCheck, output: string): string | null {
  switch (c.kind) {
    case "contains": {
      const want = normalize(c.text ?? "", c.normalization);
      return normalize(output, c.normalization).includes(want) ? null : `does not contain ${quote(want)}`;
    }
    case "not_contains": {
      const avoid = normalize(c.text ?? "", c.normalization);
      return normalize(output, c.normalization).includes(avoid) ? `contains ${quote(avoid)}` : null;
    }
    case "exact": {
      const want = normalize(c.text ?? "", c.normalization);
      const got = normalize(output, c.normalization);
      return got === want ? null : `is ${quote(got)}, expected ${quote(want)}`;
    }
    case "regex": {
      const re = compileMetricPattern(c.pattern ?? "", c.flags ?? "");
      if (typeof re === "string") return `the pattern does not compile: ${re}`;
      return re.test(output) ? null : `does not match /${clip(c.pattern ?? "", 60)}/${c.flags ?? ""}`;
    }
    case "json_valid":
      return parseJson(output).ok ? null : "is not valid JSON";
    case "json_schema": {
      const parsed = parseJson(output);
      if (!parsed.ok) return "is not valid JSON";
      const errors = validateJsonSchema(parsed.value, c.schema ?? {});
      return errors.length ? `does not conform to the schema: ${clip(errors[0]!, 120)}` : null;
    }
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text.trim()) };
  } catch {
    return { ok: false };
  }
}
