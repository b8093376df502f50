import type { AddMemberInput, ProjectMember } from "@infera/contracts";
import { and, eq, isUniqueViolation, sql, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict, invalid } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { loadMember } from "./member-queries.js";
import { notifyAddedMembers } from "./notify-added-members.js";

/** Adds an active user of the project's tenant, found by id or by email. */
export async function addMember({
  ctx,
  projectId,
  input,
}: {
  ctx: ServiceContext;
  projectId: string;
  input: AddMemberInput;
}): Promise<ProjectMember> {
  const access = await authorize(ctx, "project.member.add", { projectId });
  const tenantId = access.tenantId!;
  try {
    return await withTransaction(ctx, async (tx) => {
      const [user] = await tx.db
        .select({ id: tables.users.id })
        .from(tables.tenantUsers)
        .innerJoin(tables.users, eq(tables.users.id, tables.tenantUsers.userId))
        .where(
          and(
            eq(tables.tenantUsers.tenantId, tenantId),
            eq(tables.tenantUsers.status, "active"),
            input.user_id
              ? eq(tables.users.id, input.user_id)
              : sql`lower(${tables.users.email}) = ${input.email}`,
          ),
        );
      if (!user) throw invalid("no active user of this tenant has that id or email; invite them first");
      await tx.db
        .insert(tables.projectMembers)
        .values({ projectId, userId: user.id, role: input.role, note: input.note });
      const member = (await loadMember(tx.db, projectId, user.id))!;
      await recordAudit(tx, {
        action: "project.member.add",
        resourceType: "project_member",
        resourceId: `${projectId}/${user.id}`,
        tenantId,
        projectId,
        after: member,
      });
      const [project] = await tx.db
        .select({ name: tables.projects.name })
        .from(tables.projects)
        .where(eq(tables.projects.id, projectId));
      await notifyAddedMembers(tx, { projectId, tenantId, projectName: project?.name ?? projectId }, [
        { userId: user.id, role: input.role },
      ]);
      return member;
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict("that user is already a member of this project; change their role instead");
    throw err;
  }
}
