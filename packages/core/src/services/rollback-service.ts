import type { RollbackServiceInput, Service } from "@infera/contracts";
import { recordAudit } from "../audit/record-audit.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict, notFound } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { applyTraffic, currentSplit } from "./apply-traffic.js";
import { recordServiceEvent } from "./record-service-event.js";
import { requestReconcilePass } from "./replicas/request-reconcile-pass.js";
import { authorizeService, reloadService, revisionsOf } from "./service-access.js";
import { toService } from "./service-view.js";

/**
 * Sends 100% of the traffic to an earlier revision. As in KServe, a rollback moves traffic only: the
 * revision is immutable and still there, so no new revision is made (decision 0020).
 */
export async function rollbackService({
  ctx,
  serviceId,
  input,
}: {
  ctx: ServiceContext;
  serviceId: string;
  input: RollbackServiceInput;
}): Promise<Service> {
  return withTransaction(ctx, async (tx) => {
    // Replicas follow the change: the replica manager runs a pass once this commits.
    await requestReconcilePass(tx);
    const { service } = await authorizeService(tx, "service.rollback", serviceId, { forUpdate: true });
    const target = (await revisionsOf(tx, serviceId)).find((r) => r.id === input.revision_id);
    if (!target) throw notFound(`revision ${input.revision_id} of this service`);
    if (target.currentState === "failed")
      throw conflict(`revision ${target.number} failed; roll back to a revision that can serve`, {
        revision_id: target.id,
        state: target.currentState,
      });
    const before = await currentSplit(tx, serviceId);
    const after = await applyTraffic(tx, serviceId, [{ revisionId: target.id, percent: 100 }]);
    await recordServiceEvent(tx, {
      serviceId,
      revisionId: target.id,
      type: "rolled_back",
      message: `rolled back to revision ${target.number} (100% of traffic)`,
      data: { before, after },
    });
    await recordAudit(tx, {
      action: "service.rollback",
      resourceType: "service",
      resourceId: serviceId,
      tenantId: service.tenantId,
      projectId: service.projectId,
      before: { traffic: before },
      after: { traffic: after, revision_id: target.id },
    });
    return toService(await reloadService(tx, serviceId), await revisionsOf(tx, serviceId));
  });
}
