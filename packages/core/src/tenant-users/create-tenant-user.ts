import type { AddTenantUserResult, CreateTenantUserInput } from "@infera/contracts";
import { isUniqueViolation, sql, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { hashPassword } from "../shared/crypto.js";
import { conflict, invalid } from "../shared/errors.js";
import { newId } from "../shared/ids.js";
import { withTransaction } from "../shared/transaction.js";
import { inviteTenantUser } from "./invite-tenant-user.js";
import { loadTenantUser } from "./tenant-user-queries.js";

/**
 * Adds a user to the tenant. A tenant admin only invites: the person joins when they accept, and
 * the answer is the same whether the email has an account in another tenant or none, so no one
 * can pull in, or probe for, another tenant's users. A platform admin, who sees every account
 * anyway, may add directly: an existing account by email, or a new one with a password.
 */
export async function createTenantUser({
  ctx,
  tenantId,
  input,
}: {
  ctx: ServiceContext;
  tenantId: string;
  input: CreateTenantUserInput;
}): Promise<AddTenantUserResult> {
  await authorize(ctx, "tenant.user.create", { tenantId });
  const platformAdmin = ctx.principal.type === "user" && ctx.principal.isPlatformAdmin;
  if (!platformAdmin) {
    if (input.password)
      throw invalid("only a platform admin sets a password: the person chooses theirs when accepting", {
        fields: [{ path: "password", message: "must be left out: the user is invited" }],
      });
    return { outcome: "invited", data: await inviteTenantUser(ctx, tenantId, input) };
  }
  const [existing] = await ctx.db
    .select({ id: tables.users.id })
    .from(tables.users)
    .where(sql`lower(${tables.users.email}) = ${input.email}`);
  if (!existing && !input.password)
    return { outcome: "invited", data: await inviteTenantUser(ctx, tenantId, input) };
  if (existing && input.password)
    throw invalid(
      "a user with this email already exists: leave out password to add them (they keep their own password)",
      { fields: [{ path: "password", message: "must be left out for an existing user" }] },
    );
  return { outcome: "added", data: await addDirectly(ctx, tenantId, input, existing?.id) };
}

/** The platform admin's direct path, recorded as tenant.user.create. */
async function addDirectly(
  ctx: ServiceContext,
  tenantId: string,
  input: CreateTenantUserInput,
  existingId: string | undefined,
) {
  const passwordHash = input.password
    ? await hashPassword(input.password, ctx.settings.passwordHashCost)
    : null;
  try {
    return await withTransaction(ctx, async (tx) => {
      let userId = existingId;
      if (!userId) {
        userId = newId("user");
        await tx.db
          .insert(tables.users)
          .values({ id: userId, email: input.email, name: input.name ?? null, passwordHash });
      }
      await tx.db.insert(tables.tenantUsers).values({ tenantId, userId, role: input.role });
      const created = (await loadTenantUser(tx.db, tenantId, userId))!;
      await recordAudit(tx, {
        action: "tenant.user.create",
        resourceType: "tenant_user",
        resourceId: `${tenantId}/${userId}`,
        tenantId,
        after: { ...created, account_created: !existingId },
      });
      return created;
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict("that user is already in this tenant (or was just added); change their role instead");
    throw err;
  }
}
