import type { Tenant } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { notFound } from "../shared/errors.js";
import { toTenant } from "./to-tenant.js";

export async function getTenant({
  ctx,
  tenantId,
}: {
  ctx: ServiceContext;
  tenantId: string;
}): Promise<Tenant> {
  const access = await authorize(ctx, "tenant.read", { tenantId });
  const [row] = await ctx.db.select().from(tables.tenants).where(eq(tables.tenants.id, tenantId));
  if (!row) throw notFound("tenant");
  return toTenant(row, access.subject.tenantRole);
}
