import type { TenantUser, UpdateTenantUserInput } from "@infera/contracts";
import { and, eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { notFound } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import {
  loadTenantUser,
  lockTenantKeepingAnAdmin,
  revokeSessionsIfDisabledEverywhere,
} from "./tenant-user-queries.js";

/**
 * Changes a user's tenant role and/or disables or enables them in the tenant. A disabled user keeps
 * their memberships but can no longer act in the tenant; the last active Tenant Admin cannot be
 * demoted or disabled.
 */
export async function updateTenantUser({
  ctx,
  tenantId,
  userId,
  input,
}: {
  ctx: ServiceContext;
  tenantId: string;
  userId: string;
  input: UpdateTenantUserInput;
}): Promise<TenantUser> {
  await authorize(ctx, "tenant.user.update", { tenantId });
  return withTransaction(ctx, async (tx) => {
    // Lock first, then read: a concurrent demotion must be seen before deciding.
    await lockTenantKeepingAnAdmin(tx.db, tenantId, null);
    const before = await loadTenantUser(tx.db, tenantId, userId);
    if (!before) throw notFound("tenant user");
    const role = input.role ?? before.role;
    const status = input.status ?? before.status;
    const wasAdmin = before.role === "tenant_admin" && before.status === "active";
    if (wasAdmin && (role !== "tenant_admin" || status !== "active"))
      await lockTenantKeepingAnAdmin(tx.db, tenantId, userId);
    await tx.db
      .update(tables.tenantUsers)
      .set({ role, status, updatedAt: ctx.now() })
      .where(and(eq(tables.tenantUsers.tenantId, tenantId), eq(tables.tenantUsers.userId, userId)));
    const revokedSessions =
      status === "disabled" && before.status !== "disabled"
        ? await revokeSessionsIfDisabledEverywhere(tx.db, userId, ctx.now())
        : 0;
    const after = (await loadTenantUser(tx.db, tenantId, userId))!;
    await recordAudit(tx, {
      action: "tenant.user.update",
      resourceType: "tenant_user",
      resourceId: `${tenantId}/${userId}`,
      tenantId,
      before,
      after: revokedSessions ? { ...after, revoked_sessions: revokedSessions } : after,
    });
    return after;
  });
}
