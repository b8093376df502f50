import type { ServiceRevisionState } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { notFound } from "../../shared/errors.js";
import { type TxContext, withTransaction } from "../../shared/transaction.js";
import { canTransitionRevision, transitionRevision } from "../revision-state-machine.js";
import type { RevisionRow } from "../service-access.js";

/** Locks the service, then the revision (the order deploys and traffic edits use), and reads it. */
export async function lockRevision(tx: TxContext, revisionId: string): Promise<RevisionRow> {
  const r = tables.serviceRevisions;
  const [found] = await tx.db.select({ serviceId: r.serviceId }).from(r).where(eq(r.id, revisionId));
  if (!found) throw notFound("service revision");
  await tx.db
    .select({ id: tables.services.id })
    .from(tables.services)
    .where(eq(tables.services.id, found.serviceId))
    .for("update");
  const [revision] = await tx.db.select().from(r).where(eq(r.id, revisionId)).for("update");
  if (!revision) throw notFound("service revision");
  return revision;
}

/**
 * The replica manager's move of a revision, safe to repeat (a pass cut off by a crash runs again):
 * nothing when it is already there, through `pending` when the table asks for it (an inactive
 * revision that gets traffic again), and nothing when the move is not allowed (a user's stop won the
 * race; the next pass sees it). Answers the state the revision is in afterwards.
 */
export async function moveRevisionIn(
  tx: TxContext,
  revisionId: string,
  to: ServiceRevisionState,
  reason: string,
  opts: { failureReason?: string; waitReason?: string } = {},
): Promise<ServiceRevisionState> {
  let revision = await lockRevision(tx, revisionId);
  if (revision.currentState === to) return to;
  if (!canTransitionRevision(revision.currentState, to)) {
    if (!canTransitionRevision(revision.currentState, "pending") || !canTransitionRevision("pending", to))
      return revision.currentState;
    revision = await transitionRevision(tx, revision, "pending", reason, { waitReason: opts.waitReason });
  }
  return (await transitionRevision(tx, revision, to, reason, opts)).currentState;
}

/** `moveRevisionIn` in a transaction of its own. */
export function moveRevisionForReplicas({
  ctx,
  revisionId,
  to,
  reason,
  failureReason,
}: {
  ctx: ServiceContext;
  revisionId: string;
  to: ServiceRevisionState;
  reason: string;
  failureReason?: string;
}): Promise<ServiceRevisionState> {
  return withTransaction(ctx, (tx) => moveRevisionIn(tx, revisionId, to, reason, { failureReason }));
}
