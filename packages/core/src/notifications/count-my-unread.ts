import type { UnreadNotifications } from "@infera/contracts";
import type { Executor } from "@infera/db";
import { and, eq, isNull, sql, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { myUserId } from "./notification-queries.js";

/** How many of the user's notifications are unread, and the seq of the newest (the stream's start). */
export async function unreadOf(db: Executor, userId: string): Promise<UnreadNotifications> {
  const n = tables.notifications;
  const [unread] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(n)
    .where(and(eq(n.userId, userId), isNull(n.readAt)));
  const [last] = await db
    .select({ seq: sql<number | null>`max(${n.seq})` })
    .from(n)
    .where(eq(n.userId, userId));
  return { unread: Number(unread?.count ?? 0), last_seq: Number(last?.seq ?? 0) };
}

/** The bell's badge: the caller's unread count, and where their stream should start. */
export async function countMyUnread({ ctx }: { ctx: ServiceContext }): Promise<UnreadNotifications> {
  await authorize(ctx, "notification.list");
  return unreadOf(ctx.db, myUserId(ctx));
}
