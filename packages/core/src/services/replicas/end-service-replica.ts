import { eq, sql, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { ROUTING_CHANNEL } from "../routing/routing-changes.js";

/** A replica's process is gone for good: `stopped` (asked to) or `failed` (with the runtime's error). */
export async function endServiceReplica({
  ctx,
  replicaId,
  state,
  error,
}: {
  ctx: ServiceContext;
  replicaId: string;
  state: "stopping" | "stopped" | "failed";
  error?: string;
}): Promise<void> {
  const p = tables.serviceReplicas;
  const now = ctx.now();
  await ctx.db
    .update(p)
    .set({ state, updatedAt: now, ...(error !== undefined ? { lastError: error } : {}) })
    .where(eq(p.id, replicaId));
  // Gateways stop sending calls to it now rather than within the second.
  await ctx.db.execute(sql`select pg_notify(${ROUTING_CHANNEL}, ${replicaId})`);
}
