import type { AcceptedInvitation, AcceptInvitationInput, ProjectRole } from "@infera/contracts";
import { and, eq, inArray, isUniqueViolation, sql, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { LOGIN_FAILED } from "../auth/login.js";
import type { LoginThrottle } from "../auth/login-throttle.js";
import type { ServiceContext } from "../shared/context.js";
import { hashPassword, verifyPassword } from "../shared/crypto.js";
import { conflict, DomainError, forbidden, invalid } from "../shared/errors.js";
import { newId } from "../shared/ids.js";
import type { TxContext } from "../shared/transaction.js";
import { withTransaction } from "../shared/transaction.js";
import { findUsableInvitation } from "./find-invitation.js";

/**
 * Public: accepts an invitation link once. A new email gets an account (name and password
 * required); an existing account must be the caller's (signed in as it, or proving its password).
 * The user joins the tenant with the invited role and the invited projects that still exist.
 */
export async function acceptInvitation({
  ctx,
  token,
  input,
  throttle,
}: {
  ctx: ServiceContext;
  token: string;
  input: AcceptInvitationInput;
  throttle?: LoginThrottle;
}): Promise<AcceptedInvitation> {
  const invitation = await findUsableInvitation(ctx.db, token, ctx.now());
  const [user] = await ctx.db
    .select()
    .from(tables.users)
    .where(sql`lower(${tables.users.email}) = ${invitation.email}`);
  let passwordHash: string | null = null;
  if (!user) {
    if (!input.name || !input.password) {
      throw invalid("name and password are required to create your account", {
        fields: [
          ...(input.name ? [] : [{ path: "name", message: "is required for a new account" }]),
          ...(input.password ? [] : [{ path: "password", message: "is required for a new account" }]),
        ],
      });
    }
    passwordHash = await hashPassword(input.password, ctx.settings.passwordHashCost);
  } else {
    await proveAccount(ctx, user, input, throttle);
  }

  try {
    return await withTransaction(ctx, async (tx) => {
      // Lock and check again: of two concurrent accepts only one finds it still pending.
      const row = await findUsableInvitation(tx.db, token, ctx.now(), { lock: true });
      let userId = user?.id;
      if (!userId) {
        userId = newId("user");
        await tx.db
          .insert(tables.users)
          .values({ id: userId, email: row.email, name: input.name ?? null, passwordHash });
      }
      await tx.db
        .insert(tables.tenantUsers)
        .values({ tenantId: row.tenantId, userId, role: row.role })
        .onConflictDoNothing();
      const [membership] = await tx.db
        .select({ role: tables.tenantUsers.role })
        .from(tables.tenantUsers)
        .where(and(eq(tables.tenantUsers.tenantId, row.tenantId), eq(tables.tenantUsers.userId, userId)));
      const wanted = row.projects.map((p) => p.project_id);
      const existing = wanted.length
        ? await tx.db
            .select({ id: tables.projects.id })
            .from(tables.projects)
            .where(and(eq(tables.projects.tenantId, row.tenantId), inArray(tables.projects.id, wanted)))
        : [];
      const projects = row.projects
        .filter((p) => existing.some((e) => e.id === p.project_id))
        .map((p) => ({ project_id: p.project_id, role: p.role as ProjectRole }));
      if (projects.length) {
        await tx.db
          .insert(tables.projectMembers)
          .values(projects.map((p) => ({ projectId: p.project_id, userId: userId!, role: p.role })))
          .onConflictDoNothing();
      }
      const acceptedAt = ctx.now();
      await tx.db
        .update(tables.invitations)
        .set({ status: "accepted", acceptedAt })
        .where(eq(tables.invitations.id, row.id));
      const [tenant] = await tx.db
        .select({ name: tables.tenants.name })
        .from(tables.tenants)
        .where(eq(tables.tenants.id, row.tenantId));
      const result: AcceptedInvitation = {
        tenant_id: row.tenantId,
        tenant_name: tenant?.name ?? "",
        user_id: userId,
        email: user?.email ?? row.email,
        role: membership?.role ?? row.role,
        projects,
        account_created: !user,
      };
      const actorCtx: TxContext = {
        ...tx,
        principal: {
          type: "user",
          userId,
          email: result.email,
          isPlatformAdmin: user?.isPlatformAdmin ?? false,
          sessionId: ctx.principal.type === "user" ? ctx.principal.sessionId : null,
        },
      };
      await recordAudit(actorCtx, {
        action: "tenant.invitation.accept",
        resourceType: "invitation",
        resourceId: row.id,
        tenantId: row.tenantId,
        before: { status: "pending" },
        after: { status: "accepted", accepted_at: acceptedAt.toISOString(), ...result },
      });
      return result;
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict("an account with this email was created meanwhile; sign in and accept again");
    throw err;
  }
}

/** The invitation names an existing account: the caller must be it, by session or by its password. */
async function proveAccount(
  ctx: ServiceContext,
  user: typeof tables.users.$inferSelect,
  input: AcceptInvitationInput,
  throttle: LoginThrottle | undefined,
) {
  const p = ctx.principal;
  if (p.type === "user" && p.userId === user.id && user.status === "active") return;
  if (!input.password) {
    if (p.type === "user")
      throw forbidden(`this invitation is for ${user.email}; you are signed in as ${p.email}`);
    throw new DomainError(
      "unauthenticated",
      `an account for ${user.email} exists: sign in as it, or give its password, to accept`,
    );
  }
  const attempt = { account: user.email, address: ctx.ip };
  const wait = throttle?.retryAfterSeconds(attempt) ?? 0;
  if (wait > 0)
    throw new DomainError(
      "rate_limit_exceeded",
      `Too many failed sign-ins. Try again in ${wait} s.`,
      undefined,
      wait,
    );
  const ok = user.passwordHash ? await verifyPassword(user.passwordHash, input.password) : false;
  if (!ok || user.status !== "active") {
    throttle?.fail(attempt);
    throw new DomainError("unauthenticated", LOGIN_FAILED);
  }
  throttle?.succeed(attempt);
}
