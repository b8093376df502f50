import type { Me } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { toUser } from "./to-user.js";

export async function getMe({
  ctx,
  csrfToken,
}: {
  ctx: ServiceContext;
  csrfToken: string | null;
}): Promise<Me> {
  const p = ctx.principal;
  if (p.type === "anonymous") throw new DomainError("unauthenticated", "sign in or send a bearer token");
  if (p.type === "service_account") {
    const [tenant] = await ctx.db.select().from(tables.tenants).where(eq(tables.tenants.id, p.tenantId));
    return {
      principal_type: "service_account",
      user: null,
      service_account: {
        id: p.serviceAccountId,
        name: p.name,
        project_id: p.projectId,
        tenant_id: p.tenantId,
        role: p.role,
      },
      tenants: tenant ? [{ id: tenant.id, name: tenant.name, role: "service_account" }] : [],
      csrf_token: null,
    };
  }
  const [user] = await ctx.db.select().from(tables.users).where(eq(tables.users.id, p.userId));
  if (!user) throw new DomainError("unauthenticated", "sign in again");
  const memberships = await ctx.db
    .select({
      id: tables.tenants.id,
      name: tables.tenants.name,
      role: tables.tenantUsers.role,
      status: tables.tenantUsers.status,
    })
    .from(tables.tenantUsers)
    .innerJoin(tables.tenants, eq(tables.tenants.id, tables.tenantUsers.tenantId))
    .where(eq(tables.tenantUsers.userId, p.userId));
  return {
    principal_type: "user",
    user: toUser(user),
    service_account: null,
    tenants: memberships
      .filter((m) => m.status === "active")
      .map(({ id, name, role }) => ({ id, name, role })),
    csrf_token: csrfToken,
  };
}
