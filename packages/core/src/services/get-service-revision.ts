import type { ServiceRevisionDetail } from "@infera/contracts";
import type { ServiceContext } from "../shared/context.js";
import { authorizeRevision } from "./service-access.js";
import { withDurations } from "./service-view.js";

/** One revision: its resolved configuration, hash, traffic share and timeline with durations. */
export async function getServiceRevision({
  ctx,
  revisionId,
}: {
  ctx: ServiceContext;
  revisionId: string;
}): Promise<ServiceRevisionDetail> {
  const { revision } = await authorizeRevision(ctx, "service.revision.read", revisionId);
  const [detail] = await withDurations(ctx, [revision]);
  return detail!;
}
