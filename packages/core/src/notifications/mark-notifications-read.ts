import type { MarkNotificationsReadInput, MarkNotificationsReadResult } from "@infera/contracts";
import { and, eq, inArray, isNull, lte, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { withTransaction } from "../shared/transaction.js";
import { unreadOf } from "./count-my-unread.js";
import { myUserId } from "./notification-queries.js";

/**
 * Marks the caller's own notifications read: the given ids, or every one up to a seq ("mark all read"
 * sends the newest it has shown, so one arriving meanwhile stays unread). Ids that are not the
 * caller's are ignored like unknown ones: the answer never tells that someone else's exists. Not
 * audited: it changes only what the caller's own bell shows, like a session's last-seen time.
 */
export async function markNotificationsRead({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: MarkNotificationsReadInput;
}): Promise<MarkNotificationsReadResult> {
  await authorize(ctx, "notification.mark_read");
  const userId = myUserId(ctx);
  const n = tables.notifications;
  return withTransaction(ctx, async (tx) => {
    const which = input.ids ? inArray(n.id, input.ids) : lte(n.seq, input.up_to_seq ?? 0);
    const marked = await tx.db
      .update(n)
      .set({ readAt: new Date(Math.floor(ctx.now().getTime())) })
      .where(and(eq(n.userId, userId), isNull(n.readAt), which))
      .returning({ id: n.id });
    const { unread } = await unreadOf(tx.db, userId);
    return { marked: marked.length, unread };
  });
}
