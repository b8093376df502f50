import type { GateRule, GateRuleInput } from "@infera/contracts";
import { and, eq, tables } from "@infera/db";
import { actorOf, recordAudit } from "../../audit/record-audit.js";
import { authorize } from "../../authz/authorize.js";
import type { ServiceContext } from "../../shared/context.js";
import { invalid, notFound } from "../../shared/errors.js";
import { newId } from "../../shared/ids.js";
import { withTransaction } from "../../shared/transaction.js";
import { describeRange, metricRange } from "./metric-range.js";
import { toGateRule } from "./to-gate-rule.js";

/**
 * What each comparator needs (decision 0041): `at_least` a threshold on the metric's own
 * scale; `not_worse_than_prod` a margin (absent: 0, not worse at all) no wider than the scale. The
 * other comparator's number is refused rather than kept unused, so a rule reads as it acts.
 */
export function checkGateRuleInput(input: GateRuleInput): {
  threshold: number | null;
  margin: number | null;
} {
  const range = metricRange[input.metric];
  if (input.comparator === "at_least") {
    if (input.threshold === undefined)
      throw invalid(
        `an at_least rule needs a threshold (${input.metric} is ${describeRange(input.metric)})`,
        {
          field: "threshold",
        },
      );
    if (input.margin !== undefined)
      throw invalid("margin belongs to not_worse_than_prod rules; an at_least rule takes only a threshold", {
        field: "margin",
      });
    if (input.threshold < range.min || (range.max !== null && input.threshold > range.max))
      throw invalid(
        `threshold ${input.threshold} is off ${input.metric}'s scale: it is ${describeRange(input.metric)}`,
        { field: "threshold" },
      );
    return { threshold: input.threshold, margin: null };
  }
  if (input.threshold !== undefined)
    throw invalid("threshold belongs to at_least rules; a not_worse_than_prod rule takes a margin", {
      field: "threshold",
    });
  const margin = input.margin ?? 0;
  if (range.max !== null && margin > range.max - range.min)
    throw invalid(
      `margin ${margin} is wider than ${input.metric}'s whole scale (${describeRange(input.metric)})`,
      {
        field: "margin",
      },
    );
  return { threshold: null, margin };
}

/** Adds a release rule to the project, for every model or one model the project manages. */
export async function createGateRule({
  ctx,
  projectId,
  input,
}: {
  ctx: ServiceContext;
  projectId: string;
  input: GateRuleInput;
}): Promise<GateRule> {
  const access = await authorize(ctx, "evaluation.gate_rule.create", { projectId });
  const numbers = checkGateRuleInput(input);
  return withTransaction(ctx, async (tx) => {
    if (input.model_id !== null) {
      // Only the project's own models: a shared or another tenant's model is the same not_found.
      const [model] = await tx.db
        .select({ id: tables.models.id })
        .from(tables.models)
        .where(and(eq(tables.models.id, input.model_id), eq(tables.models.projectId, projectId)));
      if (!model) throw notFound(`model ${input.model_id}`);
    }
    const [row] = await tx.db
      .insert(tables.evaluationGateRules)
      .values({
        id: newId("evaluationGateRule"),
        tenantId: access.tenantId!,
        projectId,
        modelId: input.model_id,
        metric: input.metric,
        comparator: input.comparator,
        threshold: numbers.threshold,
        margin: numbers.margin,
        description: input.description,
        createdBy: actorOf(tx).actorId,
        createdAt: tx.now(),
      })
      .returning();
    const created = toGateRule(row!);
    await recordAudit(tx, {
      action: "evaluation.gate_rule.create",
      resourceType: "evaluation_gate_rule",
      resourceId: created.id,
      tenantId: access.tenantId,
      projectId,
      after: created,
    });
    return created;
  });
}
