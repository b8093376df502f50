import type { Invitation } from "@infera/contracts";
import { and, eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict, notFound } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { toInvitation } from "./invitation-queries.js";

/** Revokes a pending (or expired) invitation: its link stops working at once. */
export async function revokeInvitation({
  ctx,
  tenantId,
  invitationId,
}: {
  ctx: ServiceContext;
  tenantId: string;
  invitationId: string;
}): Promise<Invitation> {
  await authorize(ctx, "tenant.invitation.revoke", { tenantId });
  return withTransaction(ctx, async (tx) => {
    const i = tables.invitations;
    const [row] = await tx.db
      .select()
      .from(i)
      .where(and(eq(i.id, invitationId), eq(i.tenantId, tenantId)))
      .for("update");
    if (!row) throw notFound("invitation");
    if (row.status !== "pending") throw conflict(`this invitation was already ${row.status}`);
    const now = ctx.now();
    const [updated] = await tx.db.update(i).set({ status: "revoked" }).where(eq(i.id, row.id)).returning();
    const before = toInvitation(row, now);
    const after = toInvitation(updated!, now);
    await recordAudit(tx, {
      action: "tenant.invitation.revoke",
      resourceType: "invitation",
      resourceId: row.id,
      tenantId,
      before,
      after,
    });
    return after;
  });
}
