import type { ServiceLogList, ServiceLogsQuery } from "@infera/contracts";
import type { ServiceContext } from "../../shared/context.js";
import { authorizeService } from "../service-access.js";
import { loadServiceLogs } from "./service-log-queries.js";

/**
 * A page of the service's replica logs matching the filters. Forward from `after` (oldest first,
 * `next_after` continues; at the end it is the last seq, to ask again later or follow the stream
 * from), or back from `before` / the end (`tail`): the newest lines first in time order, `prev_before`
 * pages further back. Viewers of a Prod project get forbidden with `details.policy` when its env
 * policy `viewers_cannot_view_logs` is on.
 */
export async function listServiceLogs({
  ctx,
  serviceId,
  query,
}: {
  ctx: ServiceContext;
  serviceId: string;
  query: ServiceLogsQuery;
}): Promise<ServiceLogList> {
  await authorizeService(ctx, "service.log.read", serviceId);
  const backward = query.before !== undefined || (query.tail === "true" && query.after === undefined);
  const data = await loadServiceLogs(ctx.db, serviceId, query, {
    after: backward ? undefined : query.after,
    before: backward ? (query.before ?? 2 ** 31 - 1) : undefined,
    limit: query.limit,
  });
  const first = data[0]?.seq;
  // Going back, a full page may have older lines; going forward, anything below the first may.
  const older = backward ? data.length === query.limit : first !== undefined && first > 1;
  return {
    data,
    next_after: data.at(-1)?.seq ?? query.after ?? null,
    prev_before: first !== undefined && older ? first : null,
  };
}
