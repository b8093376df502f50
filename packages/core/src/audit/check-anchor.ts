import type { AuditAnchorCheck } from "@infera/contracts";
import { and, count, type Executor, eq, lte, tables } from "@infera/db";
import { anchorSignatureProblem } from "./anchor-signature.js";
import type { AuditAnchoring } from "./audit-anchoring.js";

/**
 * Compares a chain with its latest anchor: the anchored event must still be there with the anchored
 * hash, and the chain must still hold as many events up to it. `headSeq` is the chain's last event,
 * to count what came after the anchor.
 */
export async function checkAnchor(
  exec: Executor,
  anchoring: AuditAnchoring | undefined,
  chain: string,
  headSeq: number,
): Promise<AuditAnchorCheck> {
  const none = {
    reason: null,
    sequence: null,
    event_id: null,
    hash: null,
    count: null,
    anchored_at: null,
    key_id: null,
  };
  if (!anchoring)
    return { ...none, status: "missing", reason: "anchoring is not configured", not_yet_anchored: headSeq };
  // Read afresh: an edit anywhere in the log must be seen, not a copy remembered from before.
  const a = await anchoring.log.latest(chain, { reread: true });
  if (!a) return { ...none, status: "missing", not_yet_anchored: headSeq };
  const seen = {
    sequence: a.sequence,
    event_id: a.event_id,
    hash: a.hash,
    count: a.count,
    anchored_at: a.anchored_at,
    key_id: a.key_id,
    not_yet_anchored: Math.max(0, headSeq - a.sequence),
  };
  const bad = anchorSignatureProblem(anchoring.keys, a);
  if (bad) return { ...seen, status: "bad_signature", reason: bad };
  const t = tables.auditEvents;
  const [event] = await exec
    .select({ id: t.id, hash: t.hash })
    .from(t)
    .where(and(eq(t.chainKey, chain), eq(t.chainSeq, a.sequence)));
  if (!event)
    return {
      ...seen,
      status: "truncated",
      reason: `the anchored event #${a.sequence} (${a.event_id}) is gone: the chain was cut back`,
    };
  if (event.id !== a.event_id || event.hash !== a.hash)
    return {
      ...seen,
      status: "mismatch",
      reason: `event #${a.sequence} has another hash than anchored at ${a.anchored_at}: the chain was rewritten`,
    };
  const [held] = await exec
    .select({ n: count() })
    .from(t)
    .where(and(eq(t.chainKey, chain), lte(t.chainSeq, a.sequence)));
  if ((held?.n ?? 0) < a.count)
    return {
      ...seen,
      status: "truncated",
      reason: `the chain holds ${held?.n ?? 0} events up to #${a.sequence}, the anchor counted ${a.count}`,
    };
  return { ...seen, status: "ok", reason: null };
}
