import { and, eq, inArray, ne, sql, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { withTransaction } from "../../shared/transaction.js";
import { recordServiceEvent } from "../record-service-event.js";
import { lockRevision, moveRevisionIn } from "./move-revision-for-replicas.js";
import type { ReplicaRow } from "./plan-replica-pass.js";

/**
 * A replica is about to be spawned on its node: its placed row (`pending`, written by the placement
 * pass) becomes `starting` — or, for `restart`, the crashed replica's row starts again, its restart
 * counted — and its revision moves to `starting` (unless another replica of it is ready: it goes on
 * serving). Written before the process exists, so a process the manager finds on disk without a
 * live row is one to kill. Null when the row is no longer pending (the placement pass stopped it
 * meanwhile): nothing is to be spawned.
 */
export async function beginServiceReplica({
  ctx,
  replicaId,
  restart,
}: {
  ctx: ServiceContext;
  replicaId: string;
  restart?: { lastError: string };
}): Promise<ReplicaRow | null> {
  return withTransaction(ctx, async (tx) => {
    const p = tables.serviceReplicas;
    const [placed] = await tx.db.select().from(p).where(eq(p.id, replicaId));
    if (!placed) return null;
    const revisionId = placed.revisionId;
    const revision = await lockRevision(tx, revisionId);
    const [otherReady] = await tx.db
      .select({ id: p.id })
      .from(p)
      .where(and(eq(p.revisionId, revisionId), eq(p.state, "ready"), ne(p.id, replicaId)))
      .limit(1);
    const moveRevision = async () => {
      if (!(revision.currentState === "ready" && otherReady))
        await moveRevisionIn(tx, revisionId, "starting", restart ? "replica restarting" : "replica starting");
    };
    const now = tx.now();
    if (restart) {
      const [row] = await tx.db
        .update(p)
        .set({
          state: "starting",
          pid: null,
          port: null,
          readyAt: null,
          startedAt: null,
          lastError: restart.lastError,
          restartAt: null,
          restartCount: sql`${p.restartCount} + 1`,
          updatedAt: now,
        })
        .where(and(eq(p.id, replicaId), inArray(p.state, ["starting", "ready"])))
        .returning();
      if (!row) return null;
      await moveRevision();
      await recordServiceEvent(tx, {
        serviceId: revision.serviceId,
        revisionId,
        type: "state_changed",
        message: `a replica of revision ${revision.number} crashed and is restarting (restart ${row.restartCount}): ${restart.lastError}`,
        data: { replica_id: replicaId, restart_count: row.restartCount },
        at: now,
      });
      return row;
    }
    const [row] = await tx.db
      .update(p)
      .set({ state: "starting", updatedAt: now })
      .where(and(eq(p.id, replicaId), eq(p.state, "pending")))
      .returning();
    if (!row) return null;
    await moveRevision();
    return row;
  });
}
