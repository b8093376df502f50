import { and, eq, isNull, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { notifyChange } from "../changes/notify-change.js";
import { NOTIFICATIONS_CHANNEL } from "../notifications/notification-queries.js";
import type { ServiceContext } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";

/** Ends the session (or bearer token) the request came with. */
export async function logout({ ctx }: { ctx: ServiceContext }): Promise<void> {
  const p = ctx.principal;
  if (p.type === "service_account") return revokeServiceAccountToken(ctx, p);
  if (p.type !== "user" || !p.sessionId) throw new DomainError("unauthenticated", "no session to end");
  const sessionId = p.sessionId;
  await withTransaction(ctx, async (tx) => {
    const [s] = await tx.db
      .update(tables.sessions)
      .set({ revokedAt: ctx.now() })
      .where(and(eq(tables.sessions.id, sessionId), isNull(tables.sessions.revokedAt)))
      .returning();
    if (!s) return;
    await recordAudit(tx, {
      action: "auth.logout",
      resourceType: "session",
      resourceId: sessionId,
      tenantId: null,
    });
    // The user's open notification streams check their session now, and this one's ends.
    await notifyChange(tx, NOTIFICATIONS_CHANNEL, p.userId);
  });
}

/** A service account's bearer token is its session: signing out revokes that one token. */
async function revokeServiceAccountToken(
  ctx: ServiceContext,
  p: Extract<ServiceContext["principal"], { type: "service_account" }>,
): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const t = tables.serviceAccountTokens;
    const [revoked] = await tx.db
      .update(t)
      .set({ revokedAt: ctx.now() })
      .where(and(eq(t.id, p.tokenId), isNull(t.revokedAt)))
      .returning({ id: t.id, prefix: t.prefix });
    if (!revoked) return;
    await recordAudit(tx, {
      action: "auth.logout",
      resourceType: "service_account_token",
      resourceId: revoked.id,
      tenantId: p.tenantId,
      projectId: p.projectId,
      after: { service_account_id: p.serviceAccountId, prefix: revoked.prefix, revoked: true },
    });
  });
}
