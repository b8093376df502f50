import type { TenantUser } from "@infera/contracts";
import { and, type Executor, eq, isNull, sql, tables } from "@infera/db";
import { conflict, notFound } from "../shared/errors.js";
import { iso } from "../shared/pagination.js";

type Row = {
  tu: typeof tables.tenantUsers.$inferSelect;
  email: string;
  name: string | null;
  lastLoginAt: Date | null;
};

export function toTenantUser(r: Row): TenantUser {
  return {
    user_id: r.tu.userId,
    email: r.email,
    name: r.name,
    role: r.tu.role,
    status: r.tu.status,
    last_login_at: iso(r.lastLoginAt),
    created_at: r.tu.createdAt.toISOString(),
  };
}

export const tenantUserColumns = {
  tu: tables.tenantUsers,
  email: tables.users.email,
  name: tables.users.name,
  lastLoginAt: tables.users.lastLoginAt,
};

export async function loadTenantUser(
  exec: Executor,
  tenantId: string,
  userId: string,
): Promise<TenantUser | null> {
  const [r] = await exec
    .select(tenantUserColumns)
    .from(tables.tenantUsers)
    .innerJoin(tables.users, eq(tables.users.id, tables.tenantUsers.userId))
    .where(and(eq(tables.tenantUsers.tenantId, tenantId), eq(tables.tenantUsers.userId, userId)));
  return r ? toTenantUser(r) : null;
}

/**
 * Locks the tenant row, then refuses a change that would leave it without an active Tenant Admin.
 * Holding the lock makes two concurrent demotions of the last two admins run one after the other,
 * so the second sees the first and is refused.
 */
export async function lockTenantKeepingAnAdmin(
  tx: Executor,
  tenantId: string,
  leavingAdminId: string | null,
): Promise<void> {
  const [tenant] = await tx
    .select({ id: tables.tenants.id })
    .from(tables.tenants)
    .where(eq(tables.tenants.id, tenantId))
    .for("update");
  if (!tenant) throw notFound("tenant");
  if (!leavingAdminId) return;
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(tables.tenantUsers)
    .innerJoin(tables.users, eq(tables.users.id, tables.tenantUsers.userId))
    .where(
      and(
        eq(tables.tenantUsers.tenantId, tenantId),
        eq(tables.tenantUsers.role, "tenant_admin"),
        eq(tables.tenantUsers.status, "active"),
        eq(tables.users.status, "active"),
        sql`${tables.tenantUsers.userId} <> ${leavingAdminId}`,
      ),
    );
  if ((row?.n ?? 0) === 0) {
    throw conflict(
      "a tenant must keep at least one active Tenant Admin: add or promote another Tenant Admin first",
      { rule: "last_tenant_admin" },
    );
  }
}

/**
 * Signs a user out everywhere once no tenant membership of theirs is active any more, so a user
 * disabled in every tenant cannot keep acting on an old session. Platform admins keep theirs: they
 * act on the platform, not only inside tenants.
 */
export async function revokeSessionsIfDisabledEverywhere(
  tx: Executor,
  userId: string,
  now: Date,
): Promise<number> {
  const [user] = await tx
    .select({ isPlatformAdmin: tables.users.isPlatformAdmin })
    .from(tables.users)
    .where(eq(tables.users.id, userId));
  if (!user || user.isPlatformAdmin) return 0;
  const [active] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(tables.tenantUsers)
    .where(and(eq(tables.tenantUsers.userId, userId), eq(tables.tenantUsers.status, "active")));
  if ((active?.n ?? 0) > 0) return 0;
  const revoked = await tx
    .update(tables.sessions)
    .set({ revokedAt: now })
    .where(and(eq(tables.sessions.userId, userId), isNull(tables.sessions.revokedAt)))
    .returning({ id: tables.sessions.id });
  return revoked.length;
}
