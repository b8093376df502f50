import { eq, sql, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { notFound } from "../../shared/errors.js";
import { newId } from "../../shared/ids.js";
import { withTransaction } from "../../shared/transaction.js";
import { recordServiceEvent } from "../record-service-event.js";
import { moveRevisionIn } from "./move-revision-for-replicas.js";
import type { ReplicaRow } from "./plan-replica-pass.js";

/**
 * A replica is about to be spawned: a new row in `starting` (or, for `restartOf`, the crashed
 * replica's row again, its restart counted), and its revision moves to `starting`. Written before
 * the process exists, so a process the manager finds on disk without a live row is one to kill.
 */
export async function beginServiceReplica({
  ctx,
  revisionId,
  nodeId,
  restartOf,
  lastError,
}: {
  ctx: ServiceContext;
  revisionId: string;
  nodeId: string;
  restartOf?: string;
  lastError?: string;
}): Promise<ReplicaRow> {
  return withTransaction(ctx, async (tx) => {
    await moveRevisionIn(tx, revisionId, "starting", restartOf ? "replica restarting" : "replica starting");
    const [revision] = await tx.db
      .select()
      .from(tables.serviceRevisions)
      .where(eq(tables.serviceRevisions.id, revisionId));
    if (!revision) throw notFound("service revision");
    const p = tables.serviceReplicas;
    const now = tx.now();
    if (restartOf) {
      const [row] = await tx.db
        .update(p)
        .set({
          state: "starting",
          pid: null,
          port: null,
          readyAt: null,
          startedAt: null,
          lastError: lastError ?? null,
          restartAt: null,
          restartCount: sql`${p.restartCount} + 1`,
          updatedAt: now,
        })
        .where(eq(p.id, restartOf))
        .returning();
      await recordServiceEvent(tx, {
        serviceId: revision.serviceId,
        revisionId,
        type: "state_changed",
        message: `a replica of revision ${revision.number} crashed and is restarting (restart ${row!.restartCount}): ${lastError ?? "exited"}`,
        data: { replica_id: restartOf, restart_count: row!.restartCount },
        at: now,
      });
      return row!;
    }
    const [row] = await tx.db
      .insert(p)
      .values({
        id: newId("serviceReplica"),
        revisionId,
        serviceId: revision.serviceId,
        tenantId: revision.tenantId,
        nodeId,
        state: "starting",
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return row!;
  });
}
