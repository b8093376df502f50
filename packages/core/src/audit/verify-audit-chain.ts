import type { AuditVerifyResult } from "@infera/contracts";
import { and, asc, eq, gt, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { auditHash, GENESIS_HASH } from "./audit-hash.js";

const BATCH = 2000;

/**
 * Walks a tenant's chain from the first event, recomputing every hash: reports intact, or the first
 * event whose content, link or sequence does not match (an edit, an insertion or a deletion).
 */
export async function verifyAuditChain({
  ctx,
  tenantId,
}: {
  ctx: ServiceContext;
  tenantId: string;
}): Promise<AuditVerifyResult> {
  await authorize(ctx.db, ctx, "tenant.audit.verify", { tenantId });
  const t = tables.auditEvents;
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await ctx.db
      .select()
      .from(t)
      .where(and(eq(t.chainKey, tenantId), gt(t.chainSeq, expectedSeq - 1)))
      .orderBy(asc(t.chainSeq))
      .limit(BATCH);
    for (const r of rows) {
      const broken = (reason: string): AuditVerifyResult => ({
        tenant_id: tenantId,
        intact: false,
        checked,
        first_broken: { event_id: r.id, chain_seq: r.chainSeq, reason },
      });
      if (r.chainSeq !== expectedSeq)
        return broken(`event ${expectedSeq} is missing (found ${r.chainSeq} next)`);
      if (r.prevHash !== prevHash) return broken("link to the previous event does not match");
      if (auditHash(prevHash, r) !== r.hash) return broken("content does not match its hash (edited)");
      prevHash = r.hash;
      expectedSeq++;
      checked++;
    }
    if (rows.length < BATCH) break;
  }
  const [head] = await ctx.db
    .select()
    .from(tables.auditChainHeads)
    .where(eq(tables.auditChainHeads.chainKey, tenantId));
  if (head && (head.lastSeq !== checked || head.lastHash !== prevHash)) {
    return {
      tenant_id: tenantId,
      intact: false,
      checked,
      first_broken: {
        event_id: "",
        chain_seq: checked + 1,
        reason: `chain ends at ${checked} but its head says ${head.lastSeq}`,
      },
    };
  }
  return { tenant_id: tenantId, intact: true, checked, first_broken: null };
}
