import type { ProjectRole } from "@infera/contracts";
import { and, type Database, eq, isNull, tables } from "@infera/db";
import type { Principal } from "../shared/context.js";
import { sha256Hex } from "../shared/crypto.js";
import { DomainError } from "../shared/errors.js";

export interface ResolvedPrincipal {
  principal: Principal;
  /** Present for cookie sessions: writes must echo it in X-CSRF-Token. */
  csrfToken: string | null;
  via: "cookie" | "bearer" | "none";
}

const TOUCH_EVERY_MS = 60_000;

/**
 * Turns a bearer token or a session cookie into a principal. A credential that is present but not
 * valid is an error (401), not an anonymous request.
 */
export async function resolvePrincipal(
  db: Database,
  creds: { bearer?: string | null; cookie?: string | null },
  now: Date,
): Promise<ResolvedPrincipal> {
  const token = creds.bearer ?? creds.cookie;
  if (!token) return { principal: { type: "anonymous" }, csrfToken: null, via: "none" };
  const via = creds.bearer ? "bearer" : "cookie";
  const tokenHash = sha256Hex(token);

  if (token.startsWith("inf_sa_")) {
    if (via === "cookie")
      throw new DomainError("unauthenticated", "service account tokens go in the Authorization header");
    const [row] = await db
      .select({ token: tables.serviceAccountTokens, account: tables.serviceAccounts })
      .from(tables.serviceAccountTokens)
      .innerJoin(
        tables.serviceAccounts,
        eq(tables.serviceAccounts.id, tables.serviceAccountTokens.serviceAccountId),
      )
      .where(
        and(
          eq(tables.serviceAccountTokens.tokenHash, tokenHash),
          isNull(tables.serviceAccountTokens.revokedAt),
        ),
      );
    if (!row || row.account.status !== "active")
      throw new DomainError("unauthenticated", "token is invalid, revoked or disabled");
    if (!row.token.lastUsedAt || now.getTime() - row.token.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
      await db
        .update(tables.serviceAccountTokens)
        .set({ lastUsedAt: now })
        .where(eq(tables.serviceAccountTokens.id, row.token.id));
      await db
        .update(tables.serviceAccounts)
        .set({ lastUsedAt: now })
        .where(eq(tables.serviceAccounts.id, row.account.id));
    }
    return {
      principal: {
        type: "service_account",
        serviceAccountId: row.account.id,
        tokenId: row.token.id,
        name: row.account.name,
        projectId: row.account.projectId,
        tenantId: row.account.tenantId,
        role: row.account.role as ProjectRole,
      },
      csrfToken: null,
      via,
    };
  }

  const [row] = await db
    .select({ session: tables.sessions, user: tables.users })
    .from(tables.sessions)
    .innerJoin(tables.users, eq(tables.users.id, tables.sessions.userId))
    .where(and(eq(tables.sessions.tokenHash, tokenHash), isNull(tables.sessions.revokedAt)));
  if (!row || row.session.expiresAt <= now || row.user.status !== "active") {
    throw new DomainError("unauthenticated", "session expired or signed out; sign in again");
  }
  if (!row.session.lastSeenAt || now.getTime() - row.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(tables.sessions).set({ lastSeenAt: now }).where(eq(tables.sessions.id, row.session.id));
  }
  return {
    principal: {
      type: "user",
      userId: row.user.id,
      email: row.user.email,
      isPlatformAdmin: row.user.isPlatformAdmin,
      sessionId: row.session.id,
    },
    csrfToken: via === "cookie" ? row.session.csrfToken : null,
    via,
  };
}
