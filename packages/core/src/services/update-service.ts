import type { Service, UpdateServiceInput } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import type { ServiceContext } from "../shared/context.js";
import { withTransaction } from "../shared/transaction.js";
import { requestReconcilePass } from "./replicas/request-reconcile-pass.js";
import { authorizeService, revisionsOf } from "./service-access.js";
import { toService } from "./service-view.js";

/**
 * Changes what describes the service and who may reach it (description, exposure, IP allow-list).
 * None of these is part of a revision: what runs does not change, so no revision is made.
 */
export async function updateService({
  ctx,
  serviceId,
  input,
}: {
  ctx: ServiceContext;
  serviceId: string;
  input: UpdateServiceInput;
}): Promise<Service> {
  return withTransaction(ctx, async (tx) => {
    // Replicas follow the change: the replica manager runs a pass once this commits.
    await requestReconcilePass(tx);
    const { service } = await authorizeService(tx, "service.update", serviceId, { forUpdate: true });
    const revisions = await revisionsOf(tx, serviceId);
    const before = toService(service, revisions);
    const [updated] = await tx.db
      .update(tables.services)
      .set({
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.exposure !== undefined ? { exposure: input.exposure } : {}),
        ...(input.ip_allow_list !== undefined ? { ipAllowList: input.ip_allow_list } : {}),
        updatedAt: tx.now(),
      })
      .where(eq(tables.services.id, serviceId))
      .returning();
    const after = toService(updated!, revisions);
    await recordAudit(tx, {
      action: "service.update",
      resourceType: "service",
      resourceId: serviceId,
      tenantId: service.tenantId,
      projectId: service.projectId,
      before,
      after,
    });
    return after;
  });
}
