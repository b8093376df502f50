import type { ProjectMember } from "@infera/contracts";
import { and, type Executor, eq, sql, tables } from "@infera/db";
import { conflict, notFound } from "../shared/errors.js";

export async function loadMember(
  exec: Executor,
  projectId: string,
  userId: string,
): Promise<ProjectMember | null> {
  const [r] = await exec
    .select({ m: tables.projectMembers, email: tables.users.email, name: tables.users.name })
    .from(tables.projectMembers)
    .innerJoin(tables.users, eq(tables.users.id, tables.projectMembers.userId))
    .where(and(eq(tables.projectMembers.projectId, projectId), eq(tables.projectMembers.userId, userId)));
  return r ? toMember(r) : null;
}

export function toMember(r: {
  m: typeof tables.projectMembers.$inferSelect;
  email: string;
  name: string | null;
}): ProjectMember {
  return {
    user_id: r.m.userId,
    email: r.email,
    name: r.name,
    role: r.m.role,
    note: r.m.note,
    created_at: r.m.createdAt.toISOString(),
    updated_at: r.m.updatedAt.toISOString(),
  };
}

/**
 * Locks the project row, then refuses a change that would leave it without an owner. Holding the
 * lock makes two concurrent demotions of the last two owners run one after the other, so the second
 * sees the first and is refused.
 */
export async function lockProjectKeepingAnOwner(
  tx: Executor,
  projectId: string,
  leavingOwnerId: string | null,
): Promise<{ tenantId: string }> {
  const [project] = await tx
    .select({ tenantId: tables.projects.tenantId })
    .from(tables.projects)
    .where(eq(tables.projects.id, projectId))
    .for("update");
  if (!project) throw notFound("project");
  if (leavingOwnerId) {
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(tables.projectMembers)
      .where(
        and(
          eq(tables.projectMembers.projectId, projectId),
          eq(tables.projectMembers.role, "owner"),
          sql`${tables.projectMembers.userId} <> ${leavingOwnerId}`,
        ),
      );
    if ((row?.n ?? 0) === 0) {
      throw conflict("a project must keep at least one Owner: add or promote another Owner first", {
        rule: "last_owner",
      });
    }
  }
  return project;
}
