import type { Service, ServiceDesiredState } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import type { TxContext } from "../shared/transaction.js";
import { AWAITING_PLACEMENT } from "./insert-revision.js";
import { recordServiceEvent } from "./record-service-event.js";
import { transitionRevision } from "./revision-state-machine.js";
import { reloadService, revisionsOf, type ServiceRow } from "./service-access.js";
import { toService } from "./service-view.js";

/**
 * Start and stop: the desired state. Stopping moves revisions that have nothing placed yet
 * (pending) straight to inactive; revisions with replicas (downloading, starting, ready) are moved by
 * the replica manager once it has stopped them. Starting puts inactive revisions back to pending.
 * Failed revisions stay failed. Audited even when the state was already the one asked for.
 */
export async function setDesiredState(
  tx: TxContext,
  service: ServiceRow,
  desired: ServiceDesiredState,
): Promise<Service> {
  const revisions = await revisionsOf(tx, service.id);
  const before = toService(service, revisions);
  await tx.db
    .update(tables.services)
    .set({ desiredState: desired, updatedAt: tx.now() })
    .where(eq(tables.services.id, service.id));
  for (const rev of revisions) {
    if (desired === "inactive" && rev.currentState === "pending")
      await transitionRevision(tx, rev, "inactive", "service stopped");
    if (desired === "active" && rev.currentState === "inactive")
      await transitionRevision(tx, rev, "pending", "service started", { waitReason: AWAITING_PLACEMENT });
  }
  if (service.desiredState !== desired)
    await recordServiceEvent(tx, {
      serviceId: service.id,
      type: desired === "active" ? "started" : "stopped",
      message:
        desired === "active"
          ? "service started (desired state active)"
          : "service stopped (desired state inactive)",
    });
  const after = toService(await reloadService(tx, service.id), await revisionsOf(tx, service.id));
  await recordAudit(tx, {
    action: desired === "active" ? "service.start" : "service.stop",
    resourceType: "service",
    resourceId: service.id,
    tenantId: service.tenantId,
    projectId: service.projectId,
    before,
    after,
  });
  return after;
}
