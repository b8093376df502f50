import { and, asc, eq, gte, isNotNull, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { withTransaction } from "../../shared/transaction.js";
import { recordServiceEvent } from "../record-service-event.js";

/**
 * Each open cold start (a demand on a revision with no ready replica) whose revision now has a ready
 * replica is closed with a `cold_start` event: its latency is from the demand to that replica's
 * ready, both stamps from the database, so it does not depend on when this pass runs.
 */
export async function closeColdStarts({ ctx }: { ctx: ServiceContext }): Promise<void> {
  const a = tables.serviceAutoscaling;
  const open = await ctx.db
    .select({ revisionId: a.revisionId, since: a.coldStartSince })
    .from(a)
    .where(isNotNull(a.coldStartSince));
  const p = tables.serviceReplicas;
  const r = tables.serviceRevisions;
  for (const { revisionId, since } of open) {
    const [first] = await ctx.db
      .select({ id: p.id, readyAt: p.readyAt })
      .from(p)
      .where(and(eq(p.revisionId, revisionId), eq(p.state, "ready"), gte(p.readyAt, since!)))
      .orderBy(asc(p.readyAt))
      .limit(1);
    if (!first?.readyAt) continue;
    await withTransaction(ctx, async (tx) => {
      // Closed once: a pass running beside this one finds it closed already.
      const closed = await tx.db
        .update(a)
        .set({ coldStartSince: null, updatedAt: tx.now() })
        .where(and(eq(a.revisionId, revisionId), eq(a.coldStartSince, since!)))
        .returning({ revisionId: a.revisionId });
      if (!closed.length) return;
      const [revision] = await tx.db
        .select({ serviceId: r.serviceId, number: r.number })
        .from(r)
        .where(eq(r.id, revisionId));
      if (!revision) return;
      const latencyMs = first.readyAt!.getTime() - since!.getTime();
      await recordServiceEvent(tx, {
        serviceId: revision.serviceId,
        revisionId,
        type: "cold_start",
        message: `revision ${revision.number} started from zero on demand: ready ${(latencyMs / 1000).toFixed(1)} s after the first request`,
        data: { replica_id: first.id, latency_ms: latencyMs, demand_at: since!.toISOString() },
      });
    });
  }
}
