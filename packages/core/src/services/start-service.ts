import type { Service } from "@infera/contracts";
import type { ServiceContext } from "../shared/context.js";
import { withTransaction } from "../shared/transaction.js";
import { requestReconcilePass } from "./replicas/request-reconcile-pass.js";
import { authorizeService } from "./service-access.js";
import { setDesiredState } from "./set-desired-state.js";

/** Desired state active: the replica manager brings its revisions up. */
export async function startService({
  ctx,
  serviceId,
}: {
  ctx: ServiceContext;
  serviceId: string;
}): Promise<Service> {
  return withTransaction(ctx, async (tx) => {
    // Replicas follow the change: the replica manager runs a pass once this commits.
    await requestReconcilePass(tx);
    const { service } = await authorizeService(tx, "service.start", serviceId, { forUpdate: true });
    return setDesiredState(tx, service, "active");
  });
}
