import type { AuditAnchor } from "@infera/contracts";
import { and, type Executor, eq, tables } from "@infera/db";
import { anchorSignatureProblem, signAnchor } from "./anchor-signature.js";
import type { AuditAnchoring } from "./audit-anchoring.js";
import { GENESIS_HASH } from "./audit-hash.js";
import { walkChain } from "./walk-chain.js";

export type AnchorOutcome =
  | { status: "anchored" | "unchanged"; anchor: AuditAnchor }
  | { status: "empty" }
  | { status: "refused"; reason: string };

/**
 * Signs a chain's current head into the anchor log, but only as an extension of its previous
 * anchor: the events since then are re-hashed from the anchored one. A chain that was cut back or
 * rewritten is refused, so the periodic anchoring can never bless a tampered database.
 */
export async function writeAnchor(
  exec: Executor,
  anchoring: AuditAnchoring,
  chain: string,
  now: Date,
): Promise<AnchorOutcome> {
  const [head] = await exec
    .select()
    .from(tables.auditChainHeads)
    .where(eq(tables.auditChainHeads.chainKey, chain));
  if (!head || head.lastSeq === 0) return { status: "empty" };
  const prev = await anchoring.log.latest(chain);
  let from = { seq: 0, hash: GENESIS_HASH, id: null as string | null, count: 0 };
  if (prev) {
    const bad = anchorSignatureProblem(anchoring.keys, prev);
    if (bad) return { status: "refused", reason: `latest anchor of ${chain} cannot be trusted: ${bad}` };
    if (prev.sequence === head.lastSeq && prev.hash === head.lastHash)
      return { status: "unchanged", anchor: prev };
    if (head.lastSeq < prev.sequence)
      return {
        status: "refused",
        reason: `chain ${chain} ends at ${head.lastSeq} but was anchored at ${prev.sequence} (cut back)`,
      };
    const t = tables.auditEvents;
    const [anchored] = await exec
      .select({ id: t.id, hash: t.hash })
      .from(t)
      .where(and(eq(t.chainKey, chain), eq(t.chainSeq, prev.sequence)));
    if (!anchored || anchored.id !== prev.event_id || anchored.hash !== prev.hash)
      return {
        status: "refused",
        reason: `anchored event #${prev.sequence} of ${chain} is ${anchored ? "changed" : "gone"}`,
      };
    from = { seq: prev.sequence, hash: prev.hash, id: prev.event_id, count: prev.count };
  }
  const walk = await walkChain(exec, chain, from, head.lastSeq);
  if (walk.broken)
    return {
      status: "refused",
      reason: `chain ${chain} is broken at #${walk.broken.chain_seq}: ${walk.broken.reason}`,
    };
  if (walk.lastSeq !== head.lastSeq || walk.lastHash !== head.lastHash || !walk.lastId)
    return {
      status: "refused",
      reason: `chain ${chain} ends at ${walk.lastSeq} but its head says ${head.lastSeq}`,
    };
  const anchor = signAnchor(anchoring.keys, {
    chain,
    sequence: walk.lastSeq,
    event_id: walk.lastId,
    hash: walk.lastHash,
    count: from.count + walk.checked,
    anchored_at: now.toISOString(),
  });
  await anchoring.log.append(anchor);
  return { status: "anchored", anchor };
}
