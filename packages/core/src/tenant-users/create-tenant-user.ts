import type { CreateTenantUserInput, TenantUser } from "@infera/contracts";
import { isUniqueViolation, sql, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { hashPassword } from "../shared/crypto.js";
import { conflict, invalid } from "../shared/errors.js";
import { newId } from "../shared/ids.js";
import { withTransaction } from "../shared/transaction.js";
import { loadTenantUser } from "./tenant-user-queries.js";

/**
 * Adds a user to the tenant with a role: creates the account when the email is new (a password is
 * then required), or adds the existing account, whose password is never set by a tenant admin.
 */
export async function createTenantUser({
  ctx,
  tenantId,
  input,
}: {
  ctx: ServiceContext;
  tenantId: string;
  input: CreateTenantUserInput;
}): Promise<TenantUser> {
  await authorize(ctx.db, ctx, "tenant.user.create", { tenantId });
  const [existing] = await ctx.db
    .select({ id: tables.users.id })
    .from(tables.users)
    .where(sql`lower(${tables.users.email}) = ${input.email}`);
  if (!existing && !input.password)
    throw invalid("password is required to create a new user", {
      fields: [{ path: "password", message: "is required for a new user" }],
    });
  if (existing && input.password)
    throw invalid(
      "a user with this email already exists: leave out password to add them (they keep their own password)",
      { fields: [{ path: "password", message: "must be left out for an existing user" }] },
    );
  const passwordHash = input.password
    ? await hashPassword(input.password, ctx.settings.passwordHashCost)
    : null;
  try {
    return await withTransaction(ctx, async (tx) => {
      let userId = existing?.id;
      if (!userId) {
        userId = newId("user");
        await tx
          .insert(tables.users)
          .values({ id: userId, email: input.email, name: input.name ?? null, passwordHash });
      }
      await tx.insert(tables.tenantUsers).values({ tenantId, userId, role: input.role });
      const created = (await loadTenantUser(tx, tenantId, userId))!;
      await recordAudit(tx, ctx, {
        action: "tenant.user.create",
        resourceType: "tenant_user",
        resourceId: `${tenantId}/${userId}`,
        tenantId,
        after: { ...created, account_created: !existing },
      });
      return created;
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict("that user is already in this tenant (or was just added); change their role instead");
    throw err;
  }
}
