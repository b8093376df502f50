import type { ProjectMember, UpdateMemberInput } from "@infera/contracts";
import { and, eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { notFound } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { loadMember, lockProjectKeepingAnOwner } from "./member-queries.js";

export async function updateMember({
  ctx,
  projectId,
  userId,
  input,
}: {
  ctx: ServiceContext;
  projectId: string;
  userId: string;
  input: UpdateMemberInput;
}): Promise<ProjectMember> {
  await authorize(ctx, "project.member.update", { projectId });
  return withTransaction(ctx, async (tx) => {
    // Lock first, then read: a concurrent demotion must be seen before deciding.
    const { tenantId } = await lockProjectKeepingAnOwner(tx.db, projectId, null);
    const before = await loadMember(tx.db, projectId, userId);
    if (!before) throw notFound("member");
    if (before.role === "owner" && input.role !== "owner")
      await lockProjectKeepingAnOwner(tx.db, projectId, userId);
    await tx.db
      .update(tables.projectMembers)
      .set({
        role: input.role,
        ...(input.note !== undefined ? { note: input.note } : {}),
        updatedAt: ctx.now(),
      })
      .where(and(eq(tables.projectMembers.projectId, projectId), eq(tables.projectMembers.userId, userId)));
    const after = (await loadMember(tx.db, projectId, userId))!;
    await recordAudit(tx, {
      action: "project.member.update",
      resourceType: "project_member",
      resourceId: `${projectId}/${userId}`,
      tenantId,
      projectId,
      before,
      after,
    });
    return after;
  });
}
