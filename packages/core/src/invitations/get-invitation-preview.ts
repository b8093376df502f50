import type { InvitationPreview } from "@infera/contracts";
import { eq, sql, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { DomainError, notFound } from "../shared/errors.js";
import { findUsableInvitation } from "./find-invitation.js";

/**
 * Public: what the invitation page shows before the invitee signs in — the tenant's name, the
 * invited email, the role and the expiry. A link that can no longer be used answers not_found with
 * the reason.
 */
export async function getInvitationPreview({
  ctx,
  token,
}: {
  ctx: ServiceContext;
  token: string;
}): Promise<InvitationPreview> {
  let row: Awaited<ReturnType<typeof findUsableInvitation>>;
  try {
    row = await findUsableInvitation(ctx.db, token, ctx.now());
  } catch (err) {
    if (err instanceof DomainError && err.code !== "not_found")
      throw new DomainError("not_found", err.message, err.details);
    throw err;
  }
  const [tenant] = await ctx.db
    .select({ name: tables.tenants.name })
    .from(tables.tenants)
    .where(eq(tables.tenants.id, row.tenantId));
  if (!tenant) throw notFound("invitation");
  const [account] = await ctx.db
    .select({ id: tables.users.id })
    .from(tables.users)
    .where(sql`lower(${tables.users.email}) = ${row.email.toLowerCase()}`);
  return {
    has_account: Boolean(account),
    tenant_name: tenant.name,
    email: row.email,
    role: row.role,
    expires_at: row.expiresAt.toISOString(),
  };
}
