import type { RegressionCheck, RegressionCheckFailure, RegressionSampleResult } from "@infera/contracts";
import { normalize } from "../metrics/exact-match.js";
import { validateJsonSchema } from "../metrics/json-schema.js";
import { compileMetricPattern } from "../metrics/regex-match.js";

type CheckResult = RegressionSampleResult["checks"][number];

/** Long texts in a reason are cut: the reason is read in a table cell. */
const clip = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n)}…` : s);

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
    const failure: RegressionCheckFailure | null =
      output === null ? fail("no_answer", { detail: error ?? "unknown error" }) : failureOf(c, output);
    return { kind: c.kind, passed: failure === null, reason: failure && reasonOf(failure), failure };
  });
  return { passed: results.every((r) => r.passed), checks: results };
}

const fail = (
  code: RegressionCheckFailure["code"],
  parts: Partial<Omit<RegressionCheckFailure, "code">> = {},
): RegressionCheckFailure => ({
  code,
  expected: parts.expected ?? null,
  got: parts.got ?? null,
  detail: parts.detail ?? null,
});

/** Why the answer fails the check, in parts, or null when it passes. */
function failureOf(c: RegressionCheck, output: string): RegressionCheckFailure | null {
  switch (c.kind) {
    case "contains": {
      const want = normalize(c.text ?? "", c.normalization);
      return normalize(output, c.normalization).includes(want)
        ? null
        : fail("missing_text", { expected: clip(want) });
    }
    case "not_contains": {
      const avoid = normalize(c.text ?? "", c.normalization);
      return normalize(output, c.normalization).includes(avoid)
        ? fail("forbidden_text", { expected: clip(avoid) })
        : null;
    }
    case "exact": {
      const want = normalize(c.text ?? "", c.normalization);
      const got = normalize(output, c.normalization);
      return got === want ? null : fail("not_exact", { expected: clip(want), got: clip(got) });
    }
    case "regex": {
      const re = compileMetricPattern(c.pattern ?? "", c.flags ?? "");
      if (typeof re === "string") return fail("bad_pattern", { detail: re });
      return re.test(output)
        ? null
        : fail("no_match", { expected: `/${clip(c.pattern ?? "", 60)}/${c.flags ?? ""}` });
    }
    case "json_valid":
      return parseJson(output).ok ? null : fail("not_json");
    case "json_schema": {
      const parsed = parseJson(output);
      if (!parsed.ok) return fail("not_json");
      const errors = validateJsonSchema(parsed.value, c.schema ?? {});
      return errors.length ? fail("schema_mismatch", { detail: clip(errors[0]!, 120) }) : null;
    }
  }
}

/** The failure in English, for the API's `reason` and the CLI (the console says it in its language). */
function reasonOf(f: RegressionCheckFailure): string {
  const q = (s: string | null) => JSON.stringify(s ?? "");
  switch (f.code) {
    case "no_answer":
      return `no answer: ${f.detail}`;
    case "missing_text":
      return `does not contain ${q(f.expected)}`;
    case "forbidden_text":
      return `contains ${q(f.expected)}`;
    case "not_exact":
      return `is ${q(f.got)}, expected ${q(f.expected)}`;
    case "bad_pattern":
      return `the pattern does not compile: ${f.detail}`;
    case "no_match":
      return `does not match ${f.expected}`;
    case "not_json":
      return "is not valid JSON";
    case "schema_mismatch":
      return `does not conform to the schema: ${f.detail}`;
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text.trim()) };
  } catch {
    return { ok: false };
  }
}
