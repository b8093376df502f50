import type { CreateProjectInput, Project, ProjectRole } from "@infera/contracts";
import { and, eq, inArray, isUniqueViolation, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import { notifyAddedMembers } from "../members/notify-added-members.js";
import { defaultPolicies } from "../policies/to-policies.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict, invalid } from "../shared/errors.js";
import { newId } from "../shared/ids.js";
import { withTransaction } from "../shared/transaction.js";
import { loadProjectView } from "./to-project.js";

export async function createProject({
  ctx,
  tenantId,
  input,
}: {
  ctx: ServiceContext;
  tenantId: string;
  input: CreateProjectInput;
}): Promise<Project> {
  await authorize(ctx, "project.create", { tenantId });
  const ownerId = input.owner_id ?? (ctx.principal.type === "user" ? ctx.principal.userId : undefined);
  if (!ownerId) throw invalid("owner_id is required when a service account creates a project");
  const members = new Map<string, string>(input.members.map((m) => [m.user_id, m.role]));
  members.set(ownerId, "owner");
  try {
    return await withTransaction(ctx, async (tx) => {
      const userIds = [...members.keys()];
      const found = await tx.db
        .select({ userId: tables.tenantUsers.userId })
        .from(tables.tenantUsers)
        .where(
          and(
            eq(tables.tenantUsers.tenantId, tenantId),
            inArray(tables.tenantUsers.userId, userIds),
            eq(tables.tenantUsers.status, "active"),
          ),
        );
      const missing = userIds.filter((id) => !found.some((f) => f.userId === id));
      if (missing.length)
        throw invalid("every member must be an active user of this tenant", { missing_user_ids: missing });

      const id = newId("project");
      const createdBy = ctx.principal.type === "user" ? ctx.principal.userId : null;
      await tx.db.insert(tables.projects).values({
        id,
        tenantId,
        name: input.name,
        env: input.env,
        description: input.description,
        createdBy,
      });
      await tx.db
        .insert(tables.projectMembers)
        .values(userIds.map((userId) => ({ projectId: id, userId, role: members.get(userId) as "owner" })));
      await tx.db.insert(tables.projectPolicies).values({ projectId: id, ...defaultPolicies });
      const project = (await loadProjectView(
        tx.db,
        id,
        (members.get(createdBy ?? "") as "owner" | null) ?? null,
      ))!;
      await recordAudit(tx, {
        action: "project.create",
        resourceType: "project",
        resourceId: id,
        tenantId,
        projectId: id,
        after: { ...project, role: undefined, members: Object.fromEntries(members) },
      });
      await notifyAddedMembers(
        tx,
        { projectId: id, tenantId, projectName: project.name },
        userIds.map((userId) => ({ userId, role: members.get(userId) as ProjectRole })),
      );
      return project;
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict(`a project named "${input.name}" already exists in this tenant`);
    throw err;
  }
}
