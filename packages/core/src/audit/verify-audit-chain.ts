import type { AuditVerifyResult } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { GENESIS_HASH } from "./audit-hash.js";
import { checkAnchor } from "./check-anchor.js";
import { walkChain } from "./walk-chain.js";

/**
 * Walks a tenant's chain (or the `platform` chain) from the first event, recomputing every hash, then
 * compares it with its latest signed anchor: reports intact, or the first event whose content, link
 * or sequence does not match (an edit, an insertion or a deletion), or where the chain departs from
 * what was anchored (cut back, or rewritten and re-hashed).
 */
export async function verifyAuditChain({
  ctx,
  tenantId,
}: {
  ctx: ServiceContext;
  tenantId: string;
}): Promise<AuditVerifyResult> {
  if (tenantId === "platform") await authorize(ctx, "platform.audit.verify");
  else await authorize(ctx, "tenant.audit.verify", { tenantId });
  const walk = await walkChain(ctx.db, tenantId, { seq: 0, hash: GENESIS_HASH });
  const [head] = await ctx.db
    .select()
    .from(tables.auditChainHeads)
    .where(eq(tables.auditChainHeads.chainKey, tenantId));
  const anchor = await checkAnchor(
    ctx.db,
    ctx.auditAnchoring,
    tenantId,
    Math.max(walk.lastSeq, head?.lastSeq ?? 0),
  );
  let firstBroken = walk.broken;
  if (!firstBroken && head && (head.lastSeq !== walk.checked || head.lastHash !== walk.lastHash)) {
    firstBroken = {
      event_id: "",
      chain_seq: walk.checked + 1,
      reason: `chain ends at ${walk.checked} but its head says ${head.lastSeq}`,
    };
  }
  const anchorBroken = !["ok", "missing"].includes(anchor.status);
  if (!firstBroken && anchorBroken) {
    firstBroken = {
      event_id: anchor.event_id ?? "",
      chain_seq: anchor.sequence ?? 0,
      reason: anchor.reason ?? anchor.status,
    };
  }
  return {
    tenant_id: tenantId,
    intact: !firstBroken,
    checked: walk.checked,
    first_broken: firstBroken,
    anchor,
  };
}
