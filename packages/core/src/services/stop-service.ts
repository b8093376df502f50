import type { Service } from "@infera/contracts";
import type { ServiceContext } from "../shared/context.js";
import { withTransaction } from "../shared/transaction.js";
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
    const { service } = await authorizeService(tx, "service.stop", serviceId, { forUpdate: true });
    return setDesiredState(tx, service, "inactive");
  });
}
