import { tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { writeAnchor } from "./write-anchor.js";

export interface AnchorRunReport {
  anchored: number;
  unchanged: number;
  refused: { chain: string; reason: string }[];
}

/**
 * The periodic anchoring (a timer today, a scheduled job later): signs the head of every chain that
 * moved since its last anchor. A chain that no longer extends its anchor is refused and logged; the
 * others are still anchored.
 */
export async function anchorAuditChains({ ctx }: { ctx: ServiceContext }): Promise<AnchorRunReport> {
  const anchoring = ctx.auditAnchoring;
  const report: AnchorRunReport = { anchored: 0, unchanged: 0, refused: [] };
  const heads = await ctx.db
    .select({ chainKey: tables.auditChainHeads.chainKey, lastSeq: tables.auditChainHeads.lastSeq })
    .from(tables.auditChainHeads);
  const latest = await anchoring.log.latestAll();
  for (const head of heads) {
    if (head.lastSeq === 0 || latest.get(head.chainKey)?.sequence === head.lastSeq) {
      report.unchanged++;
      continue;
    }
    try {
      const outcome = await writeAnchor(ctx.db, anchoring, head.chainKey, ctx.now());
      if (outcome.status === "anchored") report.anchored++;
      else if (outcome.status === "refused") {
        report.refused.push({ chain: head.chainKey, reason: outcome.reason });
        ctx.log.error({ chain: head.chainKey, reason: outcome.reason }, "audit chain not anchored");
      } else report.unchanged++;
    } catch (err) {
      report.refused.push({ chain: head.chainKey, reason: String(err) });
      ctx.log.error({ err, chain: head.chainKey }, "audit anchoring failed");
    }
  }
  return report;
}
