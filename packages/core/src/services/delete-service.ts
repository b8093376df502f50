import type { DeleteServiceInput } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { findDependants } from "../references/reference-kinds.js";
import type { ServiceContext } from "../shared/context.js";
import { invalid, resourceInUse } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { requestReconcilePass } from "./replicas/request-reconcile-pass.js";
import { authorizeService } from "./service-access.js";
import { loadServiceDetail } from "./service-view.js";

/**
 * Deletes the service with its revisions, timelines and events, once its name is typed. Whatever
 * registered a reference to it (API keys bound to it, later) keeps it: 409 resource_in_use.
 */
export async function deleteService({
  ctx,
  serviceId,
  input,
}: {
  ctx: ServiceContext;
  serviceId: string;
  input: DeleteServiceInput;
}): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    // Replicas follow the change: the replica manager runs a pass once this commits.
    await requestReconcilePass(tx);
    const { service } = await authorizeService(tx, "service.delete", serviceId, { forUpdate: true });
    if (input.confirm_name !== service.name)
      throw invalid("confirm_name must be the service's name, exactly as shown", { field: "confirm_name" });
    const dependants = await findDependants(tx, [{ type: "service", id: serviceId }]);
    if (dependants.length)
      throw resourceInUse(`service "${service.name}" is in use; remove what uses it first`, dependants);
    const before = await loadServiceDetail(tx, service);
    await tx.db.delete(tables.services).where(eq(tables.services.id, serviceId));
    await recordAudit(tx, {
      action: "service.delete",
      resourceType: "service",
      resourceId: serviceId,
      tenantId: service.tenantId,
      projectId: service.projectId,
      before,
    });
  });
}
