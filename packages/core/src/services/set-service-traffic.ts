import type { Service, SetTrafficInput } from "@infera/contracts";
import { recordAudit } from "../audit/record-audit.js";
import { notifyChange } from "../changes/notify-change.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict, notFound } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { applyTraffic, currentSplit } from "./apply-traffic.js";
import { recordServiceEvent } from "./record-service-event.js";
import { requestReconcilePass } from "./replicas/request-reconcile-pass.js";
import { ROUTING_CHANNEL } from "./routing/routing-changes.js";
import { authorizeService, reloadService, revisionsOf } from "./service-access.js";
import { toService } from "./service-view.js";
import { normalizeWeights } from "./traffic-split.js";

/**
 * Replaces the service's split. The weights sum to 100 (or, with `normalize`, are scaled to), every
 * revision named is the service's own (404 otherwise), and a failed revision gets none (409).
 */
export async function setServiceTraffic({
  ctx,
  serviceId,
  input,
}: {
  ctx: ServiceContext;
  serviceId: string;
  input: SetTrafficInput;
}): Promise<Service> {
  return withTransaction(ctx, async (tx) => {
    // Replicas follow the change: the replica manager runs a pass once this commits.
    await requestReconcilePass(tx);
    await notifyChange(tx, ROUTING_CHANNEL, serviceId);
    const { service } = await authorizeService(tx, "service.traffic.update", serviceId, { forUpdate: true });
    const revisions = new Map((await revisionsOf(tx, serviceId)).map((r) => [r.id, r]));
    let shares = input.traffic.map((e) => ({ revisionId: e.revision_id, percent: e.percent }));
    if (input.normalize) shares = normalizeWeights(shares);
    for (const s of shares) {
      const rev = revisions.get(s.revisionId);
      if (!rev) throw notFound(`revision ${s.revisionId} of this service`);
      if (s.percent > 0 && rev.currentState === "failed")
        throw conflict(`revision ${rev.number} (${rev.id}) failed and cannot take traffic`, {
          revision_id: rev.id,
          state: rev.currentState,
        });
    }
    const before = await currentSplit(tx, serviceId);
    const after = await applyTraffic(tx, serviceId, shares);
    await recordServiceEvent(tx, {
      serviceId,
      type: "traffic_changed",
      message: `traffic: ${after.map((s) => `${revisions.get(s.revision_id)?.number}: ${s.percent}%`).join(", ")}`,
      data: { before, after },
    });
    await recordAudit(tx, {
      action: "service.traffic.update",
      resourceType: "service",
      resourceId: serviceId,
      tenantId: service.tenantId,
      projectId: service.projectId,
      before: { traffic: before },
      after: { traffic: after, normalized: input.normalize },
    });
    return toService(await reloadService(tx, serviceId), await revisionsOf(tx, serviceId));
  });
}
