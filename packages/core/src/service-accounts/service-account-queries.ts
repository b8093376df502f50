import type { ServiceAccount } from "@infera/contracts";
import { and, type Executor, eq, sql, tables } from "@infera/db";
import { iso } from "../shared/pagination.js";

type Row = typeof tables.serviceAccounts.$inferSelect;

/** Tokens of the account that still work (not revoked). */
export const activeTokensSql = sql<number>`(select count(*)::int from service_account_tokens t where t.service_account_id = service_accounts.id and t.revoked_at is null)`;

export function toServiceAccount(r: Row, activeTokens: number): ServiceAccount {
  return {
    id: r.id,
    project_id: r.projectId,
    name: r.name,
    role: r.role,
    note: r.note,
    status: r.status,
    active_tokens: activeTokens,
    last_used_at: iso(r.lastUsedAt),
    created_by: r.createdBy,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

export async function loadServiceAccount(
  exec: Executor,
  projectId: string,
  serviceAccountId: string,
): Promise<ServiceAccount | null> {
  const [r] = await exec
    .select({ sa: tables.serviceAccounts, activeTokens: activeTokensSql })
    .from(tables.serviceAccounts)
    .where(
      and(eq(tables.serviceAccounts.projectId, projectId), eq(tables.serviceAccounts.id, serviceAccountId)),
    );
  return r ? toServiceAccount(r.sa, r.activeTokens) : null;
}

/** Another account of the project already has this name (case-insensitive)? */
export async function nameTaken(
  exec: Executor,
  projectId: string,
  name: string,
  exceptId: string | null,
): Promise<boolean> {
  const [row] = await exec
    .select({ id: tables.serviceAccounts.id })
    .from(tables.serviceAccounts)
    .where(
      and(
        eq(tables.serviceAccounts.projectId, projectId),
        sql`lower(${tables.serviceAccounts.name}) = ${name.toLowerCase()}`,
        exceptId ? sql`${tables.serviceAccounts.id} <> ${exceptId}` : undefined,
      ),
    );
  return Boolean(row);
}

/** Locks the project row so name checks and writes of one project's accounts run one at a time. */
export async function lockProject(exec: Executor, projectId: string): Promise<{ tenantId: string } | null> {
  const [row] = await exec
    .select({ tenantId: tables.projects.tenantId })
    .from(tables.projects)
    .where(eq(tables.projects.id, projectId))
    .for("update");
  return row ?? null;
}
