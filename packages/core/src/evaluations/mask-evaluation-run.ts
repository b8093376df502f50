import type { EvaluationRun, GateOutcome, GateRuleOutcome, RegressionFailure } from "@infera/contracts";
import { MASKED, maskCheckFailure } from "./list-evaluation-samples.js";

const FAILING = "; failing: ";

/**
 * A run as Finance reads it: a gate's failing regression prompts quote the prompt and, in their
 * reasons, the candidate's answer — masked like the samples' content. The check that failed
 * (`checks[1] regex`) stays: it is the rule's, not the content. A pass-rate rule's reason and the
 * summary sentence quote those reasons, so they are rebuilt from the masked failures.
 */
export function maskEvaluationRun(run: EvaluationRun): EvaluationRun {
  if (!run.gate) return run;
  const rules = run.gate.rules.map(maskRule);
  let sentence = run.summary?.sentence;
  run.gate.rules.forEach((r, i) => {
    if (sentence !== undefined && r.reason !== rules[i]!.reason)
      sentence = sentence.split(r.reason).join(rules[i]!.reason);
  });
  const gate: GateOutcome = { ...run.gate, rules };
  return {
    ...run,
    gate,
    summary: run.summary && sentence !== undefined ? { ...run.summary, sentence } : run.summary,
  };
}

function maskRule(r: GateRuleOutcome): GateRuleOutcome {
  if (!r.regression) return r;
  const failures = r.regression.failures.map(maskFailure);
  const cut = r.reason.indexOf(FAILING);
  const reason =
    cut < 0
      ? r.reason
      : `${r.reason.slice(0, cut)}${FAILING}${failures
          .slice(0, 3)
          .map((f) => `#${f.prompt_index} (${f.reason})`)
          .join(", ")}${r.regression.total - r.regression.passed > 3 ? ", …" : ""}`;
  return { ...r, reason, regression: { ...r.regression, failures } };
}

/**
 * "checks[1] exact: is "…", expected "…"" → "checks[1] exact: ••••"; in the parts, which check
 * failed and how stay, the texts (expected, answer, error) are masked.
 */
function maskFailure(f: RegressionFailure): RegressionFailure {
  const check = /^checks\[\d+\] [a-z_]+: /.exec(f.reason)?.[0] ?? "";
  const parts = f.check ? { check: { ...f.check, failure: maskCheckFailure(f.check.failure) } } : {};
  return { ...f, prompt: MASKED, reason: `${check}${MASKED}`, ...parts };
}
