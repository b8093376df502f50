import type { NotificationContent, NotificationResource } from "@infera/contracts";
import { sql, tables } from "@infera/db";
import { notifyChange } from "../changes/notify-change.js";
import { newId } from "../shared/ids.js";
import type { TxContext } from "../shared/transaction.js";
import {
  checkParams,
  NOTIFICATION_LOCK_CLASS,
  NOTIFICATIONS_CHANNEL,
  notificationLockKey,
} from "./notification-queries.js";

export type CreateNotificationsInput = NotificationContent & {
  userIds: readonly string[];
  resource: NotificationResource;
};

/**
 * Gives each user one notification, inside the transaction of the change it tells about (a member
 * added, a job finished): it exists exactly when the change committed, and the users' open streams
 * wake on that commit. Not a verb: the feature calling it has authorized and audits its change.
 */
export async function createNotifications(tx: TxContext, input: CreateNotificationsInput) {
  const params = checkParams(input.kind, input.params);
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return [];
  // One lock per user, taken in key order so two writers never wait on each other in a cycle; held to
  // commit, it makes each user's seqs follow commit order (a stream never skips one that commits late).
  const keys = [...new Set(userIds.map(notificationLockKey))].sort((a, b) => a - b);
  for (const key of keys)
    await tx.db.execute(sql`select pg_advisory_xact_lock(${NOTIFICATION_LOCK_CLASS}::int, ${key}::int)`);
  const createdAt = new Date(Math.floor(tx.now().getTime()));
  const rows = await tx.db
    .insert(tables.notifications)
    .values(
      userIds.map((userId) => ({
        id: newId("notification"),
        userId,
        kind: input.kind,
        params,
        resourceType: input.resource.type,
        resourceId: input.resource.id,
        tenantId: input.resource.tenant_id,
        projectId: input.resource.project_id,
        createdAt,
      })),
    )
    .returning();
  for (const userId of userIds) await notifyChange(tx, NOTIFICATIONS_CHANNEL, userId);
  return rows;
}
