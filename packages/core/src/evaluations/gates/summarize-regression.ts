import type { RegressionFailure, RegressionSampleResult } from "@infera/contracts";
import { type Interval, meanInterval } from "../metrics/bootstrap.js";

/** What a pass-rate rule decides on: its prompts' pass rate with a 95 % interval, and the failures. */
export interface RegressionEvidence {
  interval: Interval;
  passed: number;
  total: number;
  failures: RegressionFailure[];
}

/** The most failing prompts an outcome lists (the run's samples hold the rest). */
export const MAX_LISTED_FAILURES = 50;

export interface RegressionSampleView {
  index: number;
  input: unknown;
  regression: RegressionSampleResult;
}

/**
 * Per rule: the share of its regression prompts that passed on the candidate, with the bootstrap
 * interval over prompts (the run's seed, so the same run gives the same interval), and the failing
 * prompts by index, each with its first failed check's reason.
 */
export function summarizeRegression(
  samples: readonly RegressionSampleView[],
  seed: number,
): Record<string, RegressionEvidence> {
  const byRule = new Map<string, RegressionSampleView[]>();
  for (const s of samples) {
    const list = byRule.get(s.regression.rule_id) ?? [];
    list.push(s);
    byRule.set(s.regression.rule_id, list);
  }
  const out: Record<string, RegressionEvidence> = {};
  for (const [ruleId, list] of byRule) {
    list.sort((a, b) => a.index - b.index);
    const failed = list.filter((s) => !s.regression.passed);
    out[ruleId] = {
      interval: meanInterval(
        list.map((s) => (s.regression.passed ? 1 : 0)),
        { seed },
      ),
      passed: list.length - failed.length,
      total: list.length,
      failures: failed.slice(0, MAX_LISTED_FAILURES).map((s) => ({
        index: s.index,
        prompt_index: s.regression.prompt_index,
        prompt: promptText(s.input).slice(0, 200),
        ...firstFailure(s.regression),
      })),
    };
  }
  return out;
}

/** The first failed check: in English (`reason`) and in parts for a console to say (`check`). */
function firstFailure(r: RegressionSampleResult): Pick<RegressionFailure, "reason" | "check"> {
  const i = r.checks.findIndex((c) => !c.passed);
  if (i < 0) return { reason: "failed", check: null };
  const c = r.checks[i]!;
  return {
    reason: `checks[${i}] ${c.kind}: ${c.reason ?? "failed"}`,
    check: c.failure ? { index: i, kind: c.kind, failure: c.failure } : null,
  };
}

function promptText(input: unknown): string {
  if (typeof input === "string") return input;
  if (Array.isArray(input)) return input.map((m) => (m as { content?: string }).content ?? "").join("\n");
  return "";
}
