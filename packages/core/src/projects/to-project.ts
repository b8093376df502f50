import type { Project, ProjectRole } from "@infera/contracts";
import { type Executor, sql, tables } from "@infera/db";

type Row = typeof tables.projects.$inferSelect;

/** The first owner by seniority is shown as "the" owner; a project may have several. */
export const ownerIdSql = sql<
  string | null
>`(select pm.user_id from project_members pm where pm.project_id = "projects"."id" and pm.role = 'owner' order by pm.created_at, pm.user_id limit 1)`;
export const ownerEmailSql = sql<
  string | null
>`(select u.email from project_members pm join users u on u.id = pm.user_id where pm.project_id = "projects"."id" and pm.role = 'owner' order by pm.created_at, pm.user_id limit 1)`;

export function toProject(
  r: Row & { ownerId: string | null; ownerEmail: string | null },
  role: ProjectRole | null,
): Project {
  return {
    id: r.id,
    tenant_id: r.tenantId,
    name: r.name,
    env: r.env,
    description: r.description,
    owner_id: r.ownerId,
    owner_email: r.ownerEmail,
    role,
    created_by: r.createdBy,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

export async function loadProjectView(
  exec: Executor,
  projectId: string,
  role: ProjectRole | null,
): Promise<Project | null> {
  const [row] = await exec
    .select({ p: tables.projects, ownerId: ownerIdSql, ownerEmail: ownerEmailSql })
    .from(tables.projects)
    .where(sql`${tables.projects.id} = ${projectId}`);
  return row ? toProject({ ...row.p, ownerId: row.ownerId, ownerEmail: row.ownerEmail }, role) : null;
}
