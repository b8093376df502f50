import type { Tenant, UpdateTenantInput } from "@infera/contracts";
import { eq, isUniqueViolation, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import { notifyPricesChanged } from "../prices/price-changes.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict, notFound } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { toTenant } from "./to-tenant.js";

export async function updateTenant({
  ctx,
  tenantId,
  input,
}: {
  ctx: ServiceContext;
  tenantId: string;
  input: UpdateTenantInput;
}): Promise<Tenant> {
  const access = await authorize(ctx, "tenant.update", { tenantId });
  try {
    return await withTransaction(ctx, async (tx) => {
      const [before] = await tx.db
        .select()
        .from(tables.tenants)
        .where(eq(tables.tenants.id, tenantId))
        .for("update");
      if (!before) throw notFound("tenant");
      const [after] = await tx.db
        .update(tables.tenants)
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.members_can_create_projects !== undefined
            ? { membersCanCreateProjects: input.members_can_create_projects }
            : {}),
          ...(input.currency !== undefined ? { currency: input.currency } : {}),
          updatedAt: ctx.now(),
        })
        .where(eq(tables.tenants.id, tenantId))
        .returning();
      const view = toTenant(after!, access.subject.tenantRole);
      await recordAudit(tx, {
        action: "tenant.update",
        resourceType: "tenant",
        resourceId: tenantId,
        tenantId,
        before: { ...toTenant(before, null), role: undefined },
        after: { ...view, role: undefined },
      });
      if (before.currency !== after!.currency) await notifyPricesChanged(tx, tenantId);
      return view;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`a tenant named "${input.name}" already exists`);
    throw err;
  }
}
