import type { Service } from "@infera/contracts";
import type { ServiceContext } from "../shared/context.js";
import { withTransaction } from "../shared/transaction.js";
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
    const { service } = await authorizeService(tx, "service.start", serviceId, { forUpdate: true });
    return setDesiredState(tx, service, "active");
  });
}
