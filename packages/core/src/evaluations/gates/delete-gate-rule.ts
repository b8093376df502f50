import { eq, tables } from "@infera/db";
import { recordAudit } from "../../audit/record-audit.js";
import type { ServiceContext } from "../../shared/context.js";
import { withTransaction } from "../../shared/transaction.js";
import { authorizeGateRule, toGateRule } from "./to-gate-rule.js";

/**
 * Deletes a rule. Finished gate runs keep their verdict (each outcome names the rule id and carries
 * its threshold), so the evidence of past tag moves does not change.
 */
export async function deleteGateRule({
  ctx,
  ruleId,
}: {
  ctx: ServiceContext;
  ruleId: string;
}): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const { rule } = await authorizeGateRule(tx, "evaluation.gate_rule.delete", ruleId, { forUpdate: true });
    await tx.db.delete(tables.evaluationGateRules).where(eq(tables.evaluationGateRules.id, ruleId));
    await recordAudit(tx, {
      action: "evaluation.gate_rule.delete",
      resourceType: "evaluation_gate_rule",
      resourceId: ruleId,
      tenantId: rule.tenantId,
      projectId: rule.projectId,
      before: toGateRule(rule),
    });
  });
}
