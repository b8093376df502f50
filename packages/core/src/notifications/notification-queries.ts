import { createHash } from "node:crypto";
import { type Notification, type NotificationResource, notificationParams } from "@infera/contracts";
import type { tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { iso } from "../shared/pagination.js";

/** The LISTEN/NOTIFY channel of new notifications; the payload is the user id they are for. */
export const NOTIFICATIONS_CHANNEL = "infera_notifications";

/** First key of the per-user advisory locks around drawing a notification seq (see the schema). */
export const NOTIFICATION_LOCK_CLASS = 4242100;

/** The second key of a user's lock: 32 bits of a hash of the id, the same in every process. */
export function notificationLockKey(userId: string): number {
  return createHash("sha256").update(userId).digest().readInt32BE(0);
}

type Row = typeof tables.notifications.$inferSelect;

export function toNotification(r: Row): Notification {
  return {
    id: r.id,
    kind: r.kind,
    params: r.params,
    resource: {
      type: r.resourceType as NotificationResource["type"],
      id: r.resourceId,
      tenant_id: r.tenantId,
      project_id: r.projectId,
    },
    read_at: iso(r.readAt),
    created_at: iso(r.createdAt),
    seq: r.seq,
  } as Notification;
}

/** Checks a kind's params before they are stored, so what the console reads always parses. */
export function checkParams(kind: Notification["kind"], params: unknown): Record<string, unknown> {
  const schema = notificationParams[kind];
  if (!schema) throw new Error(`unknown notification kind ${kind}`);
  return schema.parse(params) as Record<string, unknown>;
}

/**
 * The caller's user id, after `authorize` let a `user`-scoped action through: notifications are only
 * ever the signed-in person's own, so no verb takes a user id from its input.
 */
export function myUserId(ctx: ServiceContext): string {
  if (ctx.principal.type !== "user") throw new DomainError("forbidden", "only people have notifications");
  return ctx.principal.userId;
}
