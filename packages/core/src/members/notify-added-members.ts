import type { ProjectRole } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { createNotifications } from "../notifications/create-notifications.js";
import type { TxContext } from "../shared/transaction.js";

/**
 * Tells people they were added to a project (`project.member.added`: the project's name, their role,
 * who added them), in the transaction that adds them. Nobody is told what they did themselves.
 */
export async function notifyAddedMembers(
  tx: TxContext,
  place: { projectId: string; tenantId: string; projectName: string },
  members: readonly { userId: string; role: ProjectRole }[],
) {
  const p = tx.principal;
  const others = members.filter((m) => !(p.type === "user" && p.userId === m.userId));
  if (others.length === 0) return;
  let addedBy = p.type === "service_account" ? p.name : p.type === "user" ? p.email : "system";
  if (p.type === "user") {
    const [me] = await tx.db
      .select({ name: tables.users.name })
      .from(tables.users)
      .where(eq(tables.users.id, p.userId));
    if (me?.name) addedBy = me.name;
  }
  const resource = {
    type: "project" as const,
    id: place.projectId,
    tenant_id: place.tenantId,
    project_id: place.projectId,
  };
  // The role is part of the sentence: one batch per role.
  for (const role of new Set(others.map((m) => m.role))) {
    await createNotifications(tx, {
      userIds: others.filter((m) => m.role === role).map((m) => m.userId),
      kind: "project.member.added",
      params: { project_name: place.projectName, role, added_by: addedBy },
      resource,
    });
  }
}
