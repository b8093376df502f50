import type { Action, GateRule, RegressionPrompt } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { type Access, authorize } from "../../authz/authorize.js";
import type { ServiceContext } from "../../shared/context.js";
import { DomainError, notFound } from "../../shared/errors.js";

export type GateRuleRow = typeof tables.evaluationGateRules.$inferSelect;

const RULE_ID = /^egr_[0-9a-z]{26}$/;

/**
 * The API's rule. `prompts: false` leaves the regression prompts out (a list's default), with their
 * count from `promptCount` when the row was read without them.
 */
export function toGateRule(
  r: Omit<GateRuleRow, "prompts"> & { prompts?: GateRuleRow["prompts"]; promptCount?: number | null },
  opts: { prompts: boolean } = { prompts: true },
): GateRule {
  const passRate = r.comparator === "pass_rate_at_least";
  const prompts = (r.prompts ?? []) as RegressionPrompt[];
  return {
    id: r.id,
    project_id: r.projectId,
    model_id: r.modelId,
    metric: r.metric as GateRule["metric"],
    comparator: r.comparator,
    threshold: r.threshold,
    margin: r.margin,
    ...(passRate && opts.prompts ? { prompts } : {}),
    prompt_count: passRate ? (r.promptCount ?? prompts.length) : null,
    description: r.description,
    created_at: r.createdAt.toISOString(),
    created_by: r.createdBy,
  };
}

/**
 * Reads the rule and decides `action` on its project. An unknown id, and one of a project or tenant
 * the caller cannot see, are the same not_found.
 */
export async function authorizeGateRule(
  ctx: ServiceContext,
  action: Action,
  ruleId: string,
  opts: { forUpdate?: boolean } = {},
): Promise<{ rule: GateRuleRow; access: Access }> {
  if (ctx.principal.type === "anonymous")
    throw new DomainError("unauthenticated", "sign in or send a bearer token");
  if (!RULE_ID.test(ruleId)) throw notFound("evaluation gate rule");
  const t = tables.evaluationGateRules;
  const q = ctx.db.select().from(t).where(eq(t.id, ruleId));
  const [rule] = opts.forUpdate ? await q.for("update") : await q;
  if (!rule) throw notFound("evaluation gate rule");
  try {
    return { rule, access: await authorize(ctx, action, { projectId: rule.projectId }) };
  } catch (err) {
    if (err instanceof DomainError && err.code === "not_found") throw notFound("evaluation gate rule");
    throw err;
  }
}
