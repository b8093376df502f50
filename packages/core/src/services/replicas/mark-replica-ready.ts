import { and, eq, tables } from "@infera/db";
import { notifyChange } from "../../changes/notify-change.js";
import type { ServiceContext } from "../../shared/context.js";
import { withTransaction } from "../../shared/transaction.js";
import { ROUTING_CHANNEL } from "../routing/routing-changes.js";
import { moveRevisionIn } from "./move-revision-for-replicas.js";

/** The replica's /health answered 200: it is ready on `port`, and so is its revision. */
export async function markReplicaReady({
  ctx,
  replicaId,
  port,
}: {
  ctx: ServiceContext;
  replicaId: string;
  port: number;
}): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const p = tables.serviceReplicas;
    const [replica] = await tx.db.select().from(p).where(eq(p.id, replicaId));
    if (!replica) return;
    await moveRevisionIn(tx, replica.revisionId, "ready", "replica answered its health check");
    const now = tx.now();
    await tx.db
      .update(p)
      .set({ state: "ready", port, readyAt: now, updatedAt: now })
      .where(and(eq(p.id, replicaId), eq(p.state, "starting")));
    // Gateways holding calls for a cold start see it at commit.
    await notifyChange(tx, ROUTING_CHANNEL, replicaId);
  });
}
