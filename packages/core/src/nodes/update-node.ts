import type { ComputeNode, UpdateNodeInput } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import { requestSchedulingPass } from "../fine-tuning/scheduling/request-scheduling-pass.js";
import type { ServiceContext } from "../shared/context.js";
import { notFound } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { loadNodeStates, nodeOfflineSeconds } from "./node-capacity.js";
import { toComputeNode } from "./to-compute-node.js";

/**
 * Drains a node (its running jobs finish, no new ones are placed on it) or puts it back in service,
 * which asks for a scheduling pass so waiting jobs can use it at once (platform admin, audited).
 */
export async function updateNode({
  ctx,
  nodeId,
  input,
}: {
  ctx: ServiceContext;
  nodeId: string;
  input: UpdateNodeInput;
}): Promise<ComputeNode> {
  await authorize(ctx, "node.update");
  return withTransaction(ctx, async (tx) => {
    const n = tables.nodes;
    const [row] = await tx.db.select().from(n).where(eq(n.id, nodeId)).for("update");
    if (!row) throw notFound("node");
    await tx.db.update(n).set({ draining: input.draining, updatedAt: ctx.now() }).where(eq(n.id, nodeId));
    await recordAudit(tx, {
      action: "node.update",
      resourceType: "node",
      resourceId: row.id,
      tenantId: null,
      before: { name: row.name, draining: row.draining },
      after: { name: row.name, draining: input.draining },
    });
    if (row.draining && !input.draining) await requestSchedulingPass(tx);
    const states = await loadNodeStates(tx.db, nodeOfflineSeconds(ctx));
    return toComputeNode(states.find((s) => s.row.id === nodeId)!);
  });
}
