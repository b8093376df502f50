import type { ListQuery, ServiceRevision } from "@infera/contracts";
import { and, eq, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { keyset, type Page } from "../shared/pagination.js";
import { authorizeService, type RevisionRow, toRevision } from "./service-access.js";

/** The service's revisions, newest first. */
export async function listServiceRevisions({
  ctx,
  serviceId,
  query,
}: {
  ctx: ServiceContext;
  serviceId: string;
  query: ListQuery;
}): Promise<Page<ServiceRevision>> {
  await authorizeService(ctx, "service.revision.list", serviceId);
  const r = tables.serviceRevisions;
  const ks = keyset(query, {
    key: r.number,
    id: r.id,
    type: "int",
    direction: "desc",
    cursorOf: (row: RevisionRow) => [row.number, row.id],
  });
  const rows = await ctx.db
    .select()
    .from(r)
    .where(and(eq(r.serviceId, serviceId), ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  return ks.page(rows, toRevision);
}
