import type { Invitation, ListQuery } from "@infera/contracts";
import { and, eq, type SQL, sql, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { invalid } from "../shared/errors.js";
import { decodeCursor, encodeCursor, type Page, toPage } from "../shared/pagination.js";
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
  await authorize(ctx.db, ctx, "tenant.invitation.list", { tenantId });
  const i = tables.invitations;
  const now = ctx.now();
  const where: SQL[] = [eq(i.tenantId, tenantId)];
  if (query.status === "expired") where.push(sql`${i.status} = 'pending' and ${i.expiresAt} <= ${now}`);
  else if (query.status === "pending") where.push(sql`${i.status} = 'pending' and ${i.expiresAt} > ${now}`);
  else if (query.status) where.push(eq(i.status, query.status));
  if (query.q) where.push(sql`${i.email} ILIKE ${`%${query.q.replace(/[%_\\]/g, "\\$&")}%`}`);
  if (query.sort && query.sort !== "-created_at")
    throw invalid("invitations sort only by -created_at (newest first)");
  const cursor = decodeCursor(query.cursor);
  if (cursor) {
    if (typeof cursor.value !== "string") throw invalid("cursor is not valid; start again without it");
    where.push(sql`(${i.createdAt}, ${i.id}) < (${cursor.value}::timestamptz, ${cursor.id})`);
  }
  const rows = await ctx.db
    .select()
    .from(i)
    .where(and(...where))
    .orderBy(sql`${i.createdAt} desc`, sql`${i.id} desc`)
    .limit(query.limit + 1);
  return toPage(
    rows,
    query,
    (r) => toInvitation(r, now),
    (r) => encodeCursor(r.createdAt.toISOString(), r.id),
  );
}
