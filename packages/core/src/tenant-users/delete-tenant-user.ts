import { and, eq, inArray, sql, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict, notFound } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { loadTenantUser, lockTenantKeepingAnAdmin } from "./tenant-user-queries.js";

/**
 * Removes a user from the tenant together with their memberships of its projects. Refused while it
 * would leave a project without an Owner (the answer lists those projects) or the tenant without an
 * active Tenant Admin.
 */
export async function deleteTenantUser({
  ctx,
  tenantId,
  userId,
}: {
  ctx: ServiceContext;
  tenantId: string;
  userId: string;
}): Promise<void> {
  await authorize(ctx, "tenant.user.delete", { tenantId });
  await withTransaction(ctx, async (tx) => {
    await lockTenantKeepingAnAdmin(tx.db, tenantId, null);
    const before = await loadTenantUser(tx.db, tenantId, userId);
    if (!before) throw notFound("tenant user");
    if (before.role === "tenant_admin" && before.status === "active")
      await lockTenantKeepingAnAdmin(tx.db, tenantId, userId);

    const pm = tables.projectMembers;
    const p = tables.projects;
    // Lock the projects the user belongs to (in id order, as member changes lock them) before counting owners.
    const memberships = await tx.db
      .select({ projectId: p.id, name: p.name, role: pm.role })
      .from(pm)
      .innerJoin(p, eq(p.id, pm.projectId))
      .where(and(eq(p.tenantId, tenantId), eq(pm.userId, userId)))
      .orderBy(p.id)
      .for("update", { of: p });
    const owned = memberships.filter((m) => m.role === "owner").map((m) => m.projectId);
    if (owned.length) {
      const others = await tx.db
        .select({ projectId: pm.projectId, n: sql<number>`count(*)::int` })
        .from(pm)
        .where(and(inArray(pm.projectId, owned), eq(pm.role, "owner"), sql`${pm.userId} <> ${userId}`))
        .groupBy(pm.projectId);
      const orphaned = memberships.filter(
        (m) => m.role === "owner" && !others.some((o) => o.projectId === m.projectId && o.n > 0),
      );
      if (orphaned.length) {
        throw conflict(
          `${before.email} is the last Owner of ${orphaned.length} project(s): make someone else Owner there first`,
          { rule: "last_owner", projects: orphaned.map((o) => ({ id: o.projectId, name: o.name })) },
        );
      }
    }
    if (memberships.length)
      await tx.db.delete(pm).where(
        and(
          eq(pm.userId, userId),
          inArray(
            pm.projectId,
            memberships.map((m) => m.projectId),
          ),
        ),
      );
    await tx.db
      .delete(tables.tenantUsers)
      .where(and(eq(tables.tenantUsers.tenantId, tenantId), eq(tables.tenantUsers.userId, userId)));
    await recordAudit(tx, {
      action: "tenant.user.delete",
      resourceType: "tenant_user",
      resourceId: `${tenantId}/${userId}`,
      tenantId,
      before: {
        ...before,
        project_memberships: memberships.map((m) => ({ project_id: m.projectId, role: m.role })),
      },
    });
  });
}
