import { randomBytes } from "node:crypto";
import type { LoginInput, LoginResult } from "@infera/contracts";
import { eq, sql, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import type { ServiceContext } from "../shared/context.js";
import { hashPassword, newSecret, sha256Hex, verifyPassword } from "../shared/crypto.js";
import { DomainError } from "../shared/errors.js";
import { newId } from "../shared/ids.js";
import { withTransaction } from "../shared/transaction.js";
import type { LoginThrottle } from "./login-throttle.js";
import { toUser } from "./to-user.js";

/** One message for unknown email, wrong password and disabled account, so none can be told apart. */
export const LOGIN_FAILED = "Email or password is incorrect, or the account is disabled.";
let dummyHash: Promise<string> | undefined;

export async function login({
  ctx,
  input,
  throttle,
}: {
  ctx: ServiceContext;
  input: LoginInput;
  throttle: LoginThrottle;
}): Promise<LoginResult & { sessionToken: string }> {
  const attempt = { account: input.email, address: ctx.ip };
  const wait = throttle.retryAfterSeconds(attempt);
  if (wait > 0) {
    throw new DomainError(
      "rate_limit_exceeded",
      `Too many failed sign-ins. Try again in ${wait} s.`,
      undefined,
      wait,
    );
  }
  const [user] = await ctx.db
    .select()
    .from(tables.users)
    .where(sql`lower(${tables.users.email}) = ${input.email}`);
  // Verify against a throwaway hash when there is no user, so the answer takes as long either way.
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"), ctx.settings.passwordHashCost);
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
  if (!user?.passwordHash || !passwordOk || user.status !== "active") {
    throttle.fail(attempt);
    throw new DomainError("unauthenticated", LOGIN_FAILED);
  }
  throttle.succeed(attempt);

  const kind = input.issue_token ? "token" : "cookie";
  const token = newSecret(kind === "token" ? "inf_t_" : "inf_s_");
  const csrfToken = randomBytes(24).toString("base64url");
  const now = ctx.now();
  const ttlMs =
    kind === "token" ? ctx.settings.tokenTtlDays * 86_400_000 : ctx.settings.sessionTtlHours * 3_600_000;
  const expiresAt = new Date(now.getTime() + ttlMs);
  const sessionId = newId("session");
  const updated = await withTransaction(ctx, async (tx) => {
    await tx.db.insert(tables.sessions).values({
      id: sessionId,
      userId: user.id,
      kind,
      tokenHash: sha256Hex(token),
      csrfToken,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      expiresAt,
    });
    const [u] = await tx.db
      .update(tables.users)
      .set({ lastLoginAt: now })
      .where(eq(tables.users.id, user.id))
      .returning();
    const actorCtx = {
      ...tx,
      principal: {
        type: "user" as const,
        userId: user.id,
        email: user.email,
        isPlatformAdmin: user.isPlatformAdmin,
        sessionId,
      },
    };
    await recordAudit(actorCtx, {
      action: "auth.login",
      resourceType: "session",
      resourceId: sessionId,
      tenantId: null,
      after: { session_id: sessionId, kind, expires_at: expiresAt.toISOString() },
    });
    return u!;
  });
  return {
    user: toUser(updated),
    csrf_token: csrfToken,
    ...(kind === "token" ? { token } : {}),
    expires_at: expiresAt.toISOString(),
    sessionToken: token,
  };
}
