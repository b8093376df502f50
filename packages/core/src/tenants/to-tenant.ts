import type { Tenant, TenantRole } from "@infera/contracts";
import type { tables } from "@infera/db";

export function toTenant(t: typeof tables.tenants.$inferSelect, role: TenantRole | null): Tenant {
  return {
    id: t.id,
    name: t.name,
    members_can_create_projects: t.membersCanCreateProjects,
    currency: t.currency,
    role,
    created_at: t.createdAt.toISOString(),
    updated_at: t.updatedAt.toISOString(),
  };
}
