import type { Notification, NotificationListQuery } from "@infera/contracts";
import { and, eq, isNull, type SQL, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { keyset, type Page } from "../shared/pagination.js";
import { myUserId, toNotification } from "./notification-queries.js";

/** The caller's own notifications, newest first, in cursor pages; `unread_only` leaves out the read. */
export async function listMyNotifications({
  ctx,
  query,
}: {
  ctx: ServiceContext;
  query: Pick<NotificationListQuery, "limit" | "cursor" | "unread_only">;
}): Promise<Page<Notification>> {
  await authorize(ctx, "notification.list");
  const n = tables.notifications;
  const where: SQL[] = [eq(n.userId, myUserId(ctx))];
  if (query.unread_only === "true") where.push(isNull(n.readAt));
  const ks = keyset(query, {
    key: n.seq,
    id: n.id,
    type: "bigint",
    direction: "desc",
    cursorOf: (r: typeof n.$inferSelect) => [r.seq, r.id],
  });
  const rows = await ctx.db
    .select()
    .from(n)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  return ks.page(rows, toNotification);
}
