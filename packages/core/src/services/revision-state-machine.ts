import type { ServiceRevisionState } from "@infera/contracts";
import { and, eq, sql, tables } from "@infera/db";
import { actorIdOf } from "../fine-tuning/job-access.js";
import { conflict, notFound } from "../shared/errors.js";
import type { TxContext } from "../shared/transaction.js";
import { recordServiceEvent } from "./record-service-event.js";
import { type RevisionRow, revisionsOf } from "./service-access.js";
import { servingRevision } from "./service-view.js";

/**
 * Every move a revision may make (ARCHITECTURE.md: pending → downloading → starting → ready |
 * inactive | failed). A ready revision may start again (a replica restarts) or go back to pending
 * (its node is lost); inactive and failed revisions come back through pending when started again.
 * Anything else is refused with `conflict` (409).
 */
export const REVISION_TRANSITIONS: Readonly<Record<ServiceRevisionState, readonly ServiceRevisionState[]>> = {
  pending: ["downloading", "starting", "inactive", "failed"],
  downloading: ["starting", "pending", "inactive", "failed"],
  starting: ["ready", "pending", "inactive", "failed"],
  ready: ["starting", "pending", "inactive", "failed"],
  inactive: ["pending"],
  failed: ["pending", "inactive"],
};

export function canTransitionRevision(from: ServiceRevisionState, to: ServiceRevisionState): boolean {
  return REVISION_TRANSITIONS[from].includes(to);
}

async function nextSeq(tx: TxContext, revisionId: string): Promise<number> {
  const t = tables.serviceRevisionTransitions;
  const [row] = await tx.db
    .select({ seq: sql<number>`coalesce(max(${t.seq}), 0)::int` })
    .from(t)
    .where(eq(t.revisionId, revisionId));
  return Number(row?.seq ?? 0) + 1;
}

/** A timeline entry (a revision's creation has no `from`); `at` is the row's own stamp, so both agree. */
export async function recordRevisionTransition(
  tx: TxContext,
  input: {
    revisionId: string;
    from: ServiceRevisionState | null;
    to: ServiceRevisionState;
    reason: string;
    at: Date;
  },
): Promise<void> {
  await tx.db.insert(tables.serviceRevisionTransitions).values({
    revisionId: input.revisionId,
    seq: await nextSeq(tx, input.revisionId),
    fromState: input.from,
    toState: input.to,
    reason: input.reason,
    actorId: actorIdOf(tx),
    at: input.at,
  });
}

/** Keeps `services.current_state` equal to its serving revision's state (the list filters on it). */
export async function refreshServiceState(tx: TxContext, serviceId: string): Promise<void> {
  const serving = servingRevision(await revisionsOf(tx, serviceId));
  if (!serving) return;
  const s = tables.services;
  await tx.db.update(s).set({ currentState: serving.currentState }).where(eq(s.id, serviceId));
}

/**
 * Moves a revision to `to` if the table allows it, recording the transition; the update is
 * conditional on the state the caller read, so of two writers racing one wins and the other gets
 * 409 with the state it lost to. `failure_reason` is kept only while failed, `wait_reason` only while
 * pending. This is the verb the replica manager calls; a failure is also a service event.
 */
export async function transitionRevision(
  tx: TxContext,
  revision: RevisionRow,
  to: ServiceRevisionState,
  reason: string,
  opts: { failureReason?: string; waitReason?: string | null } = {},
): Promise<RevisionRow> {
  if (!canTransitionRevision(revision.currentState, to)) {
    const allowed = REVISION_TRANSITIONS[revision.currentState];
    throw conflict(
      `a ${revision.currentState} revision cannot become ${to} (it can become ${allowed.join(", ")})`,
      { state: revision.currentState, to, allowed },
    );
  }
  const now = tx.now();
  const r = tables.serviceRevisions;
  const [updated] = await tx.db
    .update(r)
    .set({
      currentState: to,
      stateSince: now,
      failureReason: to === "failed" ? (opts.failureReason ?? reason) : null,
      waitReason: to === "pending" ? (opts.waitReason ?? null) : null,
    })
    .where(and(eq(r.id, revision.id), eq(r.currentState, revision.currentState)))
    .returning();
  if (!updated) {
    const [current] = await tx.db.select({ state: r.currentState }).from(r).where(eq(r.id, revision.id));
    if (!current) throw notFound("service revision");
    throw conflict(`the revision is ${current.state} now, no longer ${revision.currentState}`, {
      state: current.state,
      to,
    });
  }
  await recordRevisionTransition(tx, {
    revisionId: revision.id,
    from: revision.currentState,
    to,
    reason,
    at: now,
  });
  if (to === "failed")
    await recordServiceEvent(tx, {
      serviceId: revision.serviceId,
      revisionId: revision.id,
      type: "failed",
      message: `revision ${revision.number} failed: ${updated.failureReason}`,
      data: { reason: updated.failureReason },
      at: now,
    });
  else if (to === "ready")
    await recordServiceEvent(tx, {
      serviceId: revision.serviceId,
      revisionId: revision.id,
      type: "state_changed",
      message: `revision ${revision.number} is ready`,
      data: { from: revision.currentState, to },
      at: now,
    });
  await refreshServiceState(tx, revision.serviceId);
  return updated;
}
