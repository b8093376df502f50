import type { Service } from "@infera/contracts";
import type { ServiceContext } from "../shared/context.js";
import { withTransaction } from "../shared/transaction.js";
import { requestReconcilePass } from "./replicas/request-reconcile-pass.js";
import { authorizeService } from "./service-access.js";
import { setDesiredState } from "./set-desired-state.js";

/** Desired state inactive: no replicas; its revisions and traffic split are kept for a later start. */
export async function stopService({
  ctx,
  serviceId,
}: {
  ctx: ServiceContext;
  serviceId: string;
}): Promise<Service> {
  return withTransaction(ctx, async (tx) => {
    // Replicas follow the change: the replica manager runs a pass once this commits.
    await requestReconcilePass(tx);
    const { service } = await authorizeService(tx, "service.stop", serviceId, { forUpdate: true });
    return setDesiredState(tx, service, "inactive");
  });
}
