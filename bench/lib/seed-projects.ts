import { newId } from "@infera/core";
import { type Database, tables } from "@infera/db";

/**
 * Adds `count` projects to a tenant with the rows createProject writes (project, owner membership,
 * env policies), spread over the last year. Their audit events are left out: the projects list
 * does not read them.
 */
export async function seedProjects(
  db: Database,
  opts: { tenantId: string; ownerId: string; count: number },
): Promise<string[]> {
  const now = Date.now();
  const projects = Array.from({ length: opts.count }, (_, i) => {
    const at = new Date(now - (opts.count - i) * 3_600_000 * 17);
    return {
      id: newId("project"),
      tenantId: opts.tenantId,
      name: `seed-${i}`,
      env: (["dev", "test", "prod"] as const)[i % 3] ?? "dev",
      description: `Seeded project ${i}: ranking, retrieval and evaluation`,
      createdBy: opts.ownerId,
      createdAt: at,
      updatedAt: at,
    };
  });
  await db.transaction(async (tx) => {
    await tx.insert(tables.projects).values(projects);
    await tx
      .insert(tables.projectMembers)
      .values(projects.map((p) => ({ projectId: p.id, userId: opts.ownerId, role: "owner" as const })));
    await tx.insert(tables.projectPolicies).values(projects.map((p) => ({ projectId: p.id })));
  });
  return projects.map((p) => p.id);
}
