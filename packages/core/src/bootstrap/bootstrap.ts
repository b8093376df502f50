import { randomBytes } from "node:crypto";
import { count, sql, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { defaultPolicies } from "../policies/to-policies.js";
import type { ServiceContext } from "../shared/context.js";
import { hashPassword } from "../shared/crypto.js";
import { newId } from "../shared/ids.js";
import { withTransaction } from "../shared/transaction.js";

export interface BootstrapResult {
  created: boolean;
  adminEmail?: string;
  /** Only when we generated it: printed once, never stored in plain text. */
  generatedPassword?: string;
  tenantId?: string;
  projectId?: string;
}

/**
 * First start: when no user exists, creates the platform admin, a Default tenant they administer and
 * a Dev project they own, so a newcomer lands in a working workspace. Later starts do nothing.
 */
export async function bootstrap({
  ctx,
  adminEmail,
  adminPassword,
}: {
  ctx: ServiceContext;
  adminEmail: string;
  adminPassword?: string;
}): Promise<BootstrapResult> {
  const generatedPassword = adminPassword ? undefined : randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(adminPassword ?? generatedPassword!, ctx.settings.passwordHashCost);
  return withTransaction(ctx, async (tx) => {
    // Serialize concurrent first starts (several replicas booting at once).
    await tx.db.execute(sql`select pg_advisory_xact_lock(4242001)`);
    const [row] = await tx.db.select({ n: count() }).from(tables.users);
    if ((row?.n ?? 0) > 0) return { created: false };
    const email = adminEmail.trim().toLowerCase();
    const userId = newId("user");
    const tenantId = newId("tenant");
    const projectId = newId("project");
    await tx.db
      .insert(tables.users)
      .values({ id: userId, email, name: "Admin", passwordHash, isPlatformAdmin: true });
    await tx.db.insert(tables.tenants).values({ id: tenantId, name: "Default" });
    await tx.db.insert(tables.tenantUsers).values({ tenantId, userId, role: "tenant_admin" });
    await tx.db.insert(tables.projects).values({
      id: projectId,
      tenantId,
      name: "Dev",
      env: "dev",
      description: "Your first project",
      createdBy: userId,
    });
    await tx.db.insert(tables.projectMembers).values({ projectId, userId, role: "owner" });
    await tx.db.insert(tables.projectPolicies).values({ projectId, ...defaultPolicies });
    const sys = { ...tx, principal: { type: "anonymous" as const } };
    await recordAudit(sys, {
      action: "user.create",
      resourceType: "user",
      resourceId: userId,
      tenantId: null,
      after: { email, is_platform_admin: true },
    });
    await recordAudit(sys, {
      action: "tenant.create",
      resourceType: "tenant",
      resourceId: tenantId,
      tenantId,
      after: { name: "Default", admin_user_id: userId },
    });
    await recordAudit(sys, {
      action: "project.create",
      resourceType: "project",
      resourceId: projectId,
      tenantId,
      projectId,
      after: { name: "Dev", env: "dev", owner_id: userId },
    });
    return { created: true, adminEmail: email, generatedPassword, tenantId, projectId };
  });
}
