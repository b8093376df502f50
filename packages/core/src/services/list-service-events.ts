import type { ListQuery, ServiceEvent, ServiceEventType } from "@infera/contracts";
import { and, eq, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { keyset, type Page } from "../shared/pagination.js";
import { authorizeService } from "./service-access.js";

type EventRow = typeof tables.serviceEvents.$inferSelect;

const toEvent = (e: EventRow): ServiceEvent => ({
  id: e.id,
  service_id: e.serviceId,
  revision_id: e.revisionId,
  type: e.type as ServiceEventType,
  message: e.message,
  data: e.data,
  actor_id: e.actorId,
  at: e.at.toISOString(),
});

/** What happened to the service, newest first: created, deployed, traffic moved, failed, started, stopped. */
export async function listServiceEvents({
  ctx,
  serviceId,
  query,
}: {
  ctx: ServiceContext;
  serviceId: string;
  query: ListQuery;
}): Promise<Page<ServiceEvent>> {
  await authorizeService(ctx, "service.event.list", serviceId);
  const e = tables.serviceEvents;
  const ks = keyset(query, {
    key: e.at,
    id: e.id,
    type: "timestamp",
    direction: "desc",
    cursorOf: (row: EventRow) => [row.at, row.id],
  });
  const rows = await ctx.db
    .select()
    .from(e)
    .where(and(eq(e.serviceId, serviceId), ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  return ks.page(rows, toEvent);
}
