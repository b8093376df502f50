import { and, eq, ne, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { withTransaction } from "../../shared/transaction.js";
import { type RestartBackoff, restartDelayMs } from "../autoscaling/restart-delay.js";
import { moveRevisionIn } from "./move-revision-for-replicas.js";
import type { ReplicaRow } from "./plan-replica-pass.js";

/**
 * A crashed replica's restart, after a backoff (decision 0028): the first pass that finds it
 * crashed writes when it may restart (`restart_at`: base·2^restarts, capped) with the runtime's
 * error, and drops its pid and port (nothing may route to it); later passes answer `wait` until
 * then, and `now` once it is due. The time is in the row, so a worker restarted meanwhile keeps it.
 */
export async function scheduleReplicaRestart({
  ctx,
  replica,
  error,
  backoff,
}: {
  ctx: ServiceContext;
  replica: ReplicaRow;
  error: string;
  backoff: RestartBackoff;
}): Promise<{ restart: "now" } | { restart: "wait"; at: Date }> {
  const now = ctx.now();
  if (replica.restartAt) {
    if (replica.restartAt.getTime() <= now.getTime()) return { restart: "now" };
    return { restart: "wait", at: replica.restartAt };
  }
  const at = new Date(now.getTime() + restartDelayMs(replica.restartCount, backoff));
  const p = tables.serviceReplicas;
  await withTransaction(ctx, async (tx) => {
    // Its revision is not ready while it waits, unless another replica of it is.
    const [other] = await tx.db
      .select({ id: p.id })
      .from(p)
      .where(and(eq(p.revisionId, replica.revisionId), eq(p.state, "ready"), ne(p.id, replica.id)))
      .limit(1);
    if (!other)
      await moveRevisionIn(
        tx,
        replica.revisionId,
        "starting",
        `replica crashed: restarting in ${((at.getTime() - now.getTime()) / 1000).toFixed(1)} s`,
      );
    await tx.db
      .update(p)
      .set({
        state: "starting",
        pid: null,
        port: null,
        readyAt: null,
        lastError: error,
        restartAt: at,
        updatedAt: now,
      })
      .where(eq(p.id, replica.id));
  });
  replica.restartAt = at;
  return { restart: "wait", at };
}
