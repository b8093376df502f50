import type { RegressionCheck, RegressionPrompt } from "@infera/contracts";
import { and, eq, inArray, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import type { EvaluationRecord } from "./evaluation-records.js";

/**
 * Regression prompts are samples of the candidate (`a`) at indices far above any dataset record's:
 * `BASE + slot × SLOT + prompt`, where `slot` is the rule's position in the run's `gate_rule_ids`
 * (fixed when the run was created). An index never depends on which other rules still exist, so a
 * resumed run finds each prompt where it left it and generates none twice.
 */
export const REGRESSION_INDEX_BASE = 1_000_000_000;
const SLOT = 1000;

export interface RegressionRecord extends EvaluationRecord {
  regression: { ruleId: string; promptIndex: number; checks: RegressionCheck[] };
}

/** The regression prompts of the run's pass-rate rules (in the project), as records of the candidate. */
export async function regressionRecords(
  ctx: ServiceContext,
  projectId: string,
  ruleIds: readonly string[] | undefined,
): Promise<RegressionRecord[]> {
  if (!ruleIds?.length) return [];
  const g = tables.evaluationGateRules;
  const rows = await ctx.db
    .select({ id: g.id, prompts: g.prompts })
    .from(g)
    .where(
      and(eq(g.projectId, projectId), inArray(g.id, [...ruleIds]), eq(g.comparator, "pass_rate_at_least")),
    );
  const byId = new Map(rows.map((r) => [r.id, (r.prompts ?? []) as RegressionPrompt[]]));
  const out: RegressionRecord[] = [];
  for (const [slot, ruleId] of ruleIds.entries()) {
    const prompts = byId.get(ruleId);
    if (!prompts) continue;
    for (const [i, p] of prompts.entries())
      out.push({
        index: REGRESSION_INDEX_BASE + slot * SLOT + i,
        input: p.prompt,
        reference: null,
        slice: null,
        regression: { ruleId, promptIndex: i, checks: p.checks },
      });
  }
  return out;
}
