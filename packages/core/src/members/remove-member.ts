import { and, eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { notFound } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { loadMember, lockProjectKeepingAnOwner } from "./member-queries.js";

export async function removeMember({
  ctx,
  projectId,
  userId,
}: {
  ctx: ServiceContext;
  projectId: string;
  userId: string;
}): Promise<void> {
  await authorize(ctx, "project.member.remove", { projectId });
  await withTransaction(ctx, async (tx) => {
    const { tenantId } = await lockProjectKeepingAnOwner(tx.db, projectId, null);
    const before = await loadMember(tx.db, projectId, userId);
    if (!before) throw notFound("member");
    if (before.role === "owner") await lockProjectKeepingAnOwner(tx.db, projectId, userId);
    await tx.db
      .delete(tables.projectMembers)
      .where(and(eq(tables.projectMembers.projectId, projectId), eq(tables.projectMembers.userId, userId)));
    await recordAudit(tx, {
      action: "project.member.remove",
      resourceType: "project_member",
      resourceId: `${projectId}/${userId}`,
      tenantId,
      projectId,
      before,
    });
  });
}
