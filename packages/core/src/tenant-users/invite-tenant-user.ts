import type { CreatedInvitation, TenantRole } from "@infera/contracts";
import { and, eq, gt, sql, tables } from "@infera/db";
import { insertInvitation, mailInvitations } from "../invitations/insert-invitation.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict, notFound } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";

const INVITATION_HOURS = 72;

/**
 * "Add user" for an email that is not in the tenant: an invitation the person accepts. It never
 * looks at accounts outside the tenant, so the answer is the same whether the email has an account
 * elsewhere or none; the caller has already been authorized for `tenant.user.create`.
 */
export async function inviteTenantUser(
  ctx: ServiceContext,
  tenantId: string,
  input: { email: string; role: TenantRole },
): Promise<CreatedInvitation> {
  const now = ctx.now();
  const result = await withTransaction(ctx, async (tx) => {
    // The same lock as an invitation batch: two requests cannot both invite this address.
    const [tenant] = await tx.db
      .select({ name: tables.tenants.name })
      .from(tables.tenants)
      .where(eq(tables.tenants.id, tenantId))
      .for("update");
    if (!tenant) throw notFound("tenant");
    const [member] = await tx.db
      .select({ userId: tables.tenantUsers.userId })
      .from(tables.tenantUsers)
      .innerJoin(tables.users, eq(tables.users.id, tables.tenantUsers.userId))
      .where(
        and(eq(tables.tenantUsers.tenantId, tenantId), sql`lower(${tables.users.email}) = ${input.email}`),
      );
    if (member)
      throw conflict("that user is already in this tenant; change their role instead", {
        user_id: member.userId,
      });
    const [pending] = await tx.db
      .select({ id: tables.invitations.id })
      .from(tables.invitations)
      .where(
        and(
          eq(tables.invitations.tenantId, tenantId),
          eq(tables.invitations.email, input.email),
          eq(tables.invitations.status, "pending"),
          gt(tables.invitations.expiresAt, now),
        ),
      );
    if (pending)
      throw conflict("that email already has a pending invitation; revoke it to send a new one", {
        invitation_id: pending.id,
      });
    const invitation = await insertInvitation(tx, {
      tenantId,
      email: input.email,
      role: input.role,
      projects: [],
      expiresAt: new Date(now.getTime() + INVITATION_HOURS * 3_600_000),
    });
    return { invitation, tenantName: tenant.name };
  });
  await mailInvitations(ctx, result.tenantName, [result.invitation]);
  return result.invitation;
}
