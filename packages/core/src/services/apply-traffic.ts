import { eq, tables } from "@infera/db";
import type { TxContext } from "../shared/transaction.js";
import { refreshServiceState } from "./revision-state-machine.js";
import { revisionsOf } from "./service-access.js";
import type { Share } from "./traffic-split.js";

/** The split as audit snapshots and events show it: revisions carrying traffic, largest first. */
export type Split = { revision_id: string; percent: number }[];

export async function currentSplit(tx: TxContext, serviceId: string): Promise<Split> {
  return (await revisionsOf(tx, serviceId))
    .filter((r) => r.trafficPercent > 0)
    .sort((a, b) => b.trafficPercent - a.trafficPercent || b.number - a.number)
    .map((r) => ({ revision_id: r.id, percent: r.trafficPercent }));
}

/**
 * Writes a whole split: the revisions named get their share, every other revision of the service
 * 0%. The caller has checked the shares (sum 100, no failed revision) and holds the service's lock.
 */
export async function applyTraffic(tx: TxContext, serviceId: string, shares: Share[]): Promise<Split> {
  const r = tables.serviceRevisions;
  const wanted = new Map(shares.map((s) => [s.revisionId, s.percent]));
  for (const rev of await revisionsOf(tx, serviceId)) {
    const percent = wanted.get(rev.id) ?? 0;
    if (percent !== rev.trafficPercent)
      await tx.db.update(r).set({ trafficPercent: percent }).where(eq(r.id, rev.id));
  }
  await tx.db.update(tables.services).set({ updatedAt: tx.now() }).where(eq(tables.services.id, serviceId));
  await refreshServiceState(tx, serviceId);
  return currentSplit(tx, serviceId);
}
