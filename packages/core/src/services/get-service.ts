import type { ServiceDetail } from "@infera/contracts";
import type { ServiceContext } from "../shared/context.js";
import { authorizeService } from "./service-access.js";
import { loadServiceDetail } from "./service-view.js";

/** The service with its revisions, traffic split, how long each revision spent in each state, and its replicas (pid and port for admins only). */
export async function getService({
  ctx,
  serviceId,
}: {
  ctx: ServiceContext;
  serviceId: string;
}): Promise<ServiceDetail> {
  const { service, access } = await authorizeService(ctx, "service.read", serviceId);
  const admin = access.subject.isPlatformAdmin || access.subject.tenantRole === "tenant_admin";
  return loadServiceDetail(ctx, service, { internals: admin });
}
