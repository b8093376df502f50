import type { Notification } from "@infera/contracts";
import { and, asc, eq, gt, isNull, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { unreadOf } from "./count-my-unread.js";
import { myUserId, NOTIFICATIONS_CHANNEL, toNotification } from "./notification-queries.js";

/** One notification as an event of the caller's ordered log (the stream's `id` is its seq). */
export interface NotificationEvent {
  seq: number;
  type: "notification";
  data: Notification;
}

/** The caller's notifications as a followable log: what a Server-Sent Events answer reads from. */
export interface NotificationFeed {
  /** Where the stream starts: the given point, or the newest notification when none was given. */
  after: number;
  load(after: number, limit: number): Promise<NotificationEvent[]>;
  /** Wakes on each commit that gave the caller a notification, and when their session ends. */
  follow(wake: () => void): Promise<() => Promise<void>>;
  /** True once the session is signed out, expired or its user disabled (or when not following). */
  closed(): Promise<boolean>;
}

/**
 * Opens the caller's notification feed: only their own, from `after` (or only new ones), woken through
 * the change feed. The session is checked again on every wake-up and slow poll, so a stream ends soon
 * after a sign-out instead of serving a credential that no longer exists.
 */
export async function followMyNotifications({
  ctx,
  after,
  follow = true,
}: {
  ctx: ServiceContext;
  after?: number;
  follow?: boolean;
}): Promise<NotificationFeed> {
  await authorize(ctx, "notification.stream");
  const userId = myUserId(ctx);
  const sessionId = ctx.principal.type === "user" ? ctx.principal.sessionId : null;
  const n = tables.notifications;
  const start = after ?? (await unreadOf(ctx.db, userId)).last_seq;
  return {
    after: start,
    async load(from, limit) {
      const rows = await ctx.db
        .select()
        .from(n)
        .where(and(eq(n.userId, userId), gt(n.seq, from)))
        .orderBy(asc(n.seq))
        .limit(limit);
      return rows.map((r) => ({ seq: r.seq, type: "notification" as const, data: toNotification(r) }));
    },
    follow: (wake) =>
      ctx.changes.listen(NOTIFICATIONS_CHANNEL, (payload) => {
        if (payload === userId) wake();
      }),
    async closed() {
      if (!follow) return true;
      if (!sessionId) return false;
      const [live] = await ctx.db
        .select({ expiresAt: tables.sessions.expiresAt, status: tables.users.status })
        .from(tables.sessions)
        .innerJoin(tables.users, eq(tables.users.id, tables.sessions.userId))
        .where(and(eq(tables.sessions.id, sessionId), isNull(tables.sessions.revokedAt)));
      return !live || live.expiresAt <= ctx.now() || live.status !== "active";
    },
  };
}
