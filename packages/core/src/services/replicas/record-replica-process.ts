import { eq, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";

/** The replica's process is spawned: its pid (also its process group) and when it started. */
export async function recordReplicaProcess({
  ctx,
  replicaId,
  pid,
}: {
  ctx: ServiceContext;
  replicaId: string;
  pid: number;
}): Promise<void> {
  const p = tables.serviceReplicas;
  const now = ctx.now();
  await ctx.db.update(p).set({ pid, startedAt: now, updatedAt: now }).where(eq(p.id, replicaId));
}
