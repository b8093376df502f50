import { and, eq, gt, isNull, or, sql, tables } from "@infera/db";
import { registerHoldingKind } from "../projects/project-holdings.js";
import type { CoreRegistry } from "../shared/registry.js";
import { API_KEY_CHANNEL } from "./api-key-changes.js";

/** What API keys a project holds. */
export function registerApiKeyKinds(registry: CoreRegistry): void {
  /**
   * A project's working keys (not revoked, not expired) are listed when deleting it: deleting it
   * would cut off the applications that use them. On cascade they go with it, and every gateway
   * process hears of each one, as for a revoke.
   */
  registerHoldingKind(registry, {
    type: "api_key",
    async find(exec, projectId) {
      const k = tables.apiKeys;
      const rows = await exec
        .select({ id: k.id, name: k.name })
        .from(k)
        .where(
          and(
            eq(k.projectId, projectId),
            isNull(k.revokedAt),
            or(isNull(k.expiresAt), gt(k.expiresAt, sql`now()`)),
          ),
        )
        .orderBy(k.createdAt, k.id);
      return rows.map((r) => ({
        type: "api_key",
        id: r.id,
        name: r.name,
        project_id: projectId,
        href: `/api/v1/api-keys/${r.id}`,
      }));
    },
    async remove(exec, projectId) {
      await exec.execute(
        sql`select pg_notify(${API_KEY_CHANNEL}, id) from api_keys where project_id = ${projectId}`,
      );
      await exec.delete(tables.apiKeys).where(eq(tables.apiKeys.projectId, projectId));
    },
  });
}
