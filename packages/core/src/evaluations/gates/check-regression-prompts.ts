import type { RegressionCheck, RegressionPrompt } from "@infera/contracts";
import { DomainError } from "../../shared/errors.js";
import { checkJsonSchema } from "../metrics/json-schema.js";
import { compileMetricPattern } from "../metrics/regex-match.js";

const unprocessable = (message: string, field: string) =>
  new DomainError("unprocessable_content", message, { field });

/** Which check kinds take which settings: anything else on a check is refused, not kept unused. */
const SETTINGS: Record<RegressionCheck["kind"], readonly (keyof RegressionCheck)[]> = {
  contains: ["text", "normalization"],
  not_contains: ["text", "normalization"],
  exact: ["text", "normalization"],
  regex: ["pattern", "flags"],
  json_valid: [],
  json_schema: ["schema"],
};

/**
 * A regression prompt set as a `pass_rate_at_least` rule stores it: at least one prompt, each check
 * with what its kind needs (a text, a pattern that compiles, a schema in the supported subset) and
 * nothing else. The error names the field (`prompts[3].checks[0].pattern`), so a pasted JSONL of
 * 500 lines can be fixed at the line it points to.
 */
export function checkRegressionPrompts(prompts: readonly RegressionPrompt[] | undefined): void {
  if (!prompts?.length)
    throw unprocessable("a pass_rate_at_least rule needs prompts (1–500, each with checks)", "prompts");
  for (const [i, p] of prompts.entries()) {
    if (!p.prompt.trim()) throw unprocessable("the prompt is empty", `prompts[${i}].prompt`);
    for (const [j, c] of p.checks.entries()) checkOne(c, `prompts[${i}].checks[${j}]`);
  }
}

function checkOne(c: RegressionCheck, field: string): void {
  const allowed = new Set<string>(["kind", ...SETTINGS[c.kind]]);
  const extra = Object.keys(c).find((k) => !allowed.has(k) && c[k as keyof RegressionCheck] !== undefined);
  if (extra) throw unprocessable(`a ${c.kind} check takes no ${extra}`, `${field}.${extra}`);
  switch (c.kind) {
    case "contains":
    case "not_contains":
    case "exact":
      if (c.text === undefined) throw unprocessable(`a ${c.kind} check needs text`, `${field}.text`);
      if (c.kind !== "exact" && !c.text.trim())
        throw unprocessable(`a ${c.kind} check needs a non-empty text`, `${field}.text`);
      return;
    case "regex": {
      if (!c.pattern) throw unprocessable("a regex check needs pattern", `${field}.pattern`);
      const re = compileMetricPattern(c.pattern, c.flags ?? "");
      if (typeof re === "string")
        throw unprocessable(
          `the pattern does not compile: ${re}`,
          /flags/.test(re) ? `${field}.flags` : `${field}.pattern`,
        );
      return;
    }
    case "json_schema": {
      if (c.schema === undefined) throw unprocessable("a json_schema check needs schema", `${field}.schema`);
      const problem = checkJsonSchema(c.schema);
      if (problem)
        throw unprocessable(`the schema is not in the supported subset: ${problem}`, `${field}.schema`);
      return;
    }
    case "json_valid":
      return;
  }
}
