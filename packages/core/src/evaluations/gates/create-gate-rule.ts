import { type GateRule, type GateRuleInput, MetricName, REGRESSION_PASS_RATE } from "@infera/contracts";
import { and, eq, tables } from "@infera/db";
import { actorOf, recordAudit } from "../../audit/record-audit.js";
import { authorize } from "../../authz/authorize.js";
import type { ServiceContext } from "../../shared/context.js";
import { invalid, notFound } from "../../shared/errors.js";
import { newId } from "../../shared/ids.js";
import { withTransaction } from "../../shared/transaction.js";
import { checkRegressionPrompts } from "./check-regression-prompts.js";
import { describeRange, metricRange } from "./metric-range.js";
import { toGateRule } from "./to-gate-rule.js";

/**
 * What each comparator needs (decision 0041): `at_least` a threshold on the metric's own
 * scale; `not_worse_than_prod` a margin (absent: 0, not worse at all) no wider than the scale;
 * `pass_rate_at_least` a threshold 0–1 and its regression prompts. The other comparators' numbers
 * are refused rather than kept unused, so a rule reads as it acts.
 */
export function checkGateRuleInput(input: GateRuleInput): {
  metric: GateRule["metric"];
  threshold: number | null;
  margin: number | null;
} {
  if (input.comparator === "pass_rate_at_least") return checkPassRateRule(input);
  if (input.prompts !== undefined)
    throw invalid("prompts belong to pass_rate_at_least rules", { field: "prompts" });
  const metric = MetricName.safeParse(input.metric);
  if (!metric.success)
    throw invalid(
      input.metric === undefined
        ? `an ${input.comparator} rule needs a metric`
        : `${input.metric} is measured only by pass_rate_at_least rules`,
      { field: "metric" },
    );
  return { metric: metric.data, ...checkMetricRule({ ...input, metric: metric.data }) };
}

function checkPassRateRule(input: GateRuleInput) {
  if (input.metric !== undefined && input.metric !== REGRESSION_PASS_RATE)
    throw invalid(`a pass_rate_at_least rule measures ${REGRESSION_PASS_RATE}, not ${input.metric}`, {
      field: "metric",
    });
  if (input.margin !== undefined)
    throw invalid("margin belongs to not_worse_than_prod rules", { field: "margin" });
  if (input.threshold === undefined || input.threshold < 0 || input.threshold > 1)
    throw invalid(
      "a pass_rate_at_least rule needs a threshold between 0 and 1 (0.95: 95 % of prompts pass)",
      {
        field: "threshold",
      },
    );
  checkRegressionPrompts(input.prompts);
  return { metric: REGRESSION_PASS_RATE, threshold: input.threshold, margin: null } as const;
}

function checkMetricRule(input: GateRuleInput & { metric: MetricName }): {
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
        metric: numbers.metric,
        comparator: input.comparator,
        threshold: numbers.threshold,
        margin: numbers.margin,
        prompts: input.comparator === "pass_rate_at_least" ? (input.prompts ?? null) : null,
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
