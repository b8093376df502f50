import type { ServiceDetail } from "@infera/contracts";
import type { ServiceContext } from "../shared/context.js";
import { authorizeService } from "./service-access.js";
import { loadServiceDetail } from "./service-view.js";

/** The service with its revisions, traffic split and how long each revision spent in each state. */
export async function getService({
  ctx,
  serviceId,
}: {
  ctx: ServiceContext;
  serviceId: string;
}): Promise<ServiceDetail> {
  const { service } = await authorizeService(ctx, "service.read", serviceId);
  return loadServiceDetail(ctx, service);
}
