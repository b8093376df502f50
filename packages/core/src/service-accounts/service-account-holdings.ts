import { eq, tables } from "@infera/db";
import { registerHoldingKind } from "../projects/project-holdings.js";
import type { CoreRegistry } from "../shared/registry.js";

/** What service accounts a project holds. */
export function registerServiceAccountKinds(registry: CoreRegistry): void {
  /** A project's service accounts are listed when deleting it, and go with it on cascade. */
  registerHoldingKind(registry, {
    type: "service_account",
    async find(exec, projectId) {
      const rows = await exec
        .select({ id: tables.serviceAccounts.id, name: tables.serviceAccounts.name })
        .from(tables.serviceAccounts)
        .where(eq(tables.serviceAccounts.projectId, projectId))
        .orderBy(tables.serviceAccounts.createdAt, tables.serviceAccounts.id);
      return rows.map((r) => ({
        type: "service_account",
        id: r.id,
        name: r.name,
        project_id: projectId,
        href: `/api/v1/projects/${projectId}/service-accounts/${r.id}`,
      }));
    },
    async remove(exec, projectId) {
      await exec.delete(tables.serviceAccounts).where(eq(tables.serviceAccounts.projectId, projectId));
    },
  });
}
