import type { CreatedInvitation, ProjectRole, TenantRole } from "@infera/contracts";
import { tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import type { ServiceContext } from "../shared/context.js";
import { newSecret, sha256Hex } from "../shared/crypto.js";
import { newId } from "../shared/ids.js";
import { noopMailer } from "../shared/mailer.js";
import type { TxContext } from "../shared/transaction.js";
import { toInvitation } from "./invitation-queries.js";

/**
 * Writes one invitation with its audit event, inside the caller's transaction. Its random token is
 * stored hashed and returned once, with the accept link.
 */
export async function insertInvitation(
  tx: TxContext,
  input: {
    tenantId: string;
    email: string;
    role: TenantRole;
    projects: { project_id: string; role: ProjectRole }[];
    expiresAt: Date;
  },
): Promise<CreatedInvitation> {
  const now = tx.now();
  const token = newSecret("inf_inv_");
  const [row] = await tx.db
    .insert(tables.invitations)
    .values({
      id: newId("invitation"),
      tenantId: input.tenantId,
      email: input.email,
      role: input.role,
      projects: input.projects,
      tokenHash: sha256Hex(token),
      invitedBy: tx.principal.type === "user" ? tx.principal.userId : null,
      expiresAt: input.expiresAt,
      createdAt: now,
    })
    .returning();
  const invitation = toInvitation(row!, now);
  await recordAudit(tx, {
    action: "tenant.invitation.create",
    resourceType: "invitation",
    resourceId: invitation.id,
    tenantId: input.tenantId,
    after: invitation,
  });
  return { ...invitation, token, accept_url: `${tx.settings.publicUrl}/invite/${token}` };
}

/** Mails each invitation's link when a mailer is set up; a failed mail leaves the invitation standing. */
export async function mailInvitations(
  ctx: ServiceContext,
  tenantName: string,
  invitations: CreatedInvitation[],
): Promise<void> {
  const mailer = ctx.mailer ?? noopMailer;
  if (!mailer.enabled) return;
  for (const inv of invitations) {
    try {
      await mailer.send({
        to: inv.email,
        subject: `You are invited to ${tenantName} on Infera`,
        text: `You have been invited to join ${tenantName} on Infera.\n\nAccept the invitation: ${inv.accept_url}\n\nThe link expires at ${inv.expires_at}.`,
      });
    } catch (err) {
      // The invitation stands: the admin still has the link from the answer.
      ctx.log.warn({ err, invitationId: inv.id }, "invitation email could not be sent");
    }
  }
}
