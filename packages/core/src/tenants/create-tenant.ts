import type { CreateTenantInput, Tenant } from "@infera/contracts";
import { isUniqueViolation, sql, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict, invalid } from "../shared/errors.js";
import { newId } from "../shared/ids.js";
import { withTransaction } from "../shared/transaction.js";
import { toTenant } from "./to-tenant.js";

/** Platform admins create tenants, optionally naming an existing user as its first Tenant Admin. */
export async function createTenant({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: CreateTenantInput;
}): Promise<Tenant> {
  await authorize(ctx, "tenant.create");
  try {
    return await withTransaction(ctx, async (tx) => {
      const id = newId("tenant");
      const [row] = await tx.db
        .insert(tables.tenants)
        .values({ id, name: input.name, membersCanCreateProjects: input.members_can_create_projects })
        .returning();
      let adminUserId: string | null = null;
      if (input.admin_email) {
        const [user] = await tx.db
          .select()
          .from(tables.users)
          .where(sql`lower(${tables.users.email}) = ${input.admin_email}`);
        if (!user)
          throw invalid("admin_email must belong to an existing user; invite them into the tenant instead");
        adminUserId = user.id;
        await tx.db
          .insert(tables.tenantUsers)
          .values({ tenantId: id, userId: user.id, role: "tenant_admin" });
      }
      const tenant = toTenant(row!, null);
      await recordAudit(tx, {
        action: "tenant.create",
        resourceType: "tenant",
        resourceId: id,
        tenantId: id,
        after: { ...tenant, role: undefined, admin_user_id: adminUserId },
      });
      return tenant;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`a tenant named "${input.name}" already exists`);
    throw err;
  }
}
