import { type Executor, eq, tables } from "@infera/db";
import { sha256Hex } from "../shared/crypto.js";
import { conflict, DomainError, notFound } from "../shared/errors.js";

export type InvitationRow = typeof tables.invitations.$inferSelect;

/**
 * The invitation a link's token names, if it can still be accepted. Unknown and revoked links
 * answer not_found, an accepted one conflict (single use), an expired one precondition_failed — each
 * with a message the invitee can act on.
 */
export async function findUsableInvitation(
  exec: Executor,
  token: string,
  now: Date,
  opts: { lock?: boolean } = {},
): Promise<InvitationRow> {
  const query = exec
    .select()
    .from(tables.invitations)
    .where(eq(tables.invitations.tokenHash, sha256Hex(token)));
  const [row] = opts.lock ? await query.for("update") : await query;
  if (!row) throw notFound("invitation (the link is wrong or incomplete)");
  if (row.status === "revoked")
    throw new DomainError("not_found", "this invitation was revoked; ask a Tenant Admin for a new one");
  if (row.status === "accepted")
    throw conflict("this invitation was already accepted; sign in instead", { rule: "single_use" });
  if (row.expiresAt <= now)
    throw new DomainError(
      "precondition_failed",
      `this invitation expired at ${row.expiresAt.toISOString()}; ask a Tenant Admin for a new one`,
      { expired_at: row.expiresAt.toISOString() },
    );
  return row;
}
