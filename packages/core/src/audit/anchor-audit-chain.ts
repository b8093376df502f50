import type { AuditAnchor } from "@infera/contracts";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { recordAudit } from "./record-audit.js";
import { writeAnchor } from "./write-anchor.js";

/**
 * Anchors a tenant's chain (or `platform`) now, on request. The request is itself an audit event,
 * recorded and anchored in one transaction while the chain's head is locked, so the new anchor
 * covers it. Refused (conflict) when the chain no longer extends its previous anchor.
 */
export async function anchorAuditChain({
  ctx,
  chain,
}: {
  ctx: ServiceContext;
  chain: string;
}): Promise<AuditAnchor> {
  if (chain === "platform") await authorize(ctx, "platform.audit.anchor");
  else await authorize(ctx, "tenant.audit.anchor", { tenantId: chain });
  const anchoring = ctx.auditAnchoring;
  // Catch up first, outside the lock: a chain never anchored is walked from its start here.
  const caughtUp = await writeAnchor(ctx.db, anchoring, chain, ctx.now());
  if (caughtUp.status === "refused") throw conflict(caughtUp.reason);
  return withTransaction(ctx, async (tx) => {
    await recordAudit(tx, {
      action: chain === "platform" ? "platform.audit.anchor" : "tenant.audit.anchor",
      resourceType: "audit_chain",
      resourceId: chain,
      tenantId: chain === "platform" ? null : chain,
      after: { chain, previous_anchor: caughtUp.status === "empty" ? null : caughtUp.anchor.sequence },
    });
    const outcome = await writeAnchor(tx.db, anchoring, chain, ctx.now());
    if (outcome.status === "refused") throw conflict(outcome.reason);
    if (outcome.status === "empty") throw new Error("an audit chain with a new event has no head");
    return outcome.anchor;
  });
}
