import type { Invitation, ListQuery } from "@infera/contracts";
import { and, eq, type SQL, sql, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { invalid } from "../shared/errors.js";
import { keyset, type Page } from "../shared/pagination.js";
import { toInvitation } from "./invitation-queries.js";

/** Invitations of a tenant, newest first; `expired` means pending and past its expiry. */
export async function listInvitations({
  ctx,
  tenantId,
  query,
}: {
  ctx: ServiceContext;
  tenantId: string;
  query: ListQuery & { status?: Invitation["status"] };
}): Promise<Page<Invitation>> {
  await authorize(ctx, "tenant.invitation.list", { tenantId });
  const i = tables.invitations;
  const now = ctx.now();
  const where: SQL[] = [eq(i.tenantId, tenantId)];
  if (query.status === "expired") where.push(sql`${i.status} = 'pending' and ${i.expiresAt} <= ${now}`);
  else if (query.status === "pending") where.push(sql`${i.status} = 'pending' and ${i.expiresAt} > ${now}`);
  else if (query.status) where.push(eq(i.status, query.status));
  if (query.q) where.push(sql`${i.email} ILIKE ${`%${query.q.replace(/[%_\\]/g, "\\$&")}%`}`);
  if (query.sort && query.sort !== "-created_at")
    throw invalid("invitations sort only by -created_at (newest first)");
  const ks = keyset(query, {
    key: i.createdAt,
    id: i.id,
    type: "timestamp",
    direction: "desc",
    cursorOf: (r: typeof i.$inferSelect) => [r.createdAt, r.id],
  });
  const rows = await ctx.db
    .select()
    .from(i)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  return ks.page(rows, (r) => toInvitation(r, now));
}
