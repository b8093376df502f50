import { eq, sql, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";

/**
 * The node's sign of life, from its worker's loop every few seconds: a node not seen for
 * INFERA_NODE_OFFLINE_SECONDS is offline. false when the node row is gone.
 */
export async function touchNode({ ctx, nodeId }: { ctx: ServiceContext; nodeId: string }): Promise<boolean> {
  const n = tables.nodes;
  const rows = await ctx.db
    .update(n)
    .set({ lastSeenAt: sql`now()` })
    .where(eq(n.id, nodeId))
    .returning({ id: n.id });
  return rows.length > 0;
}
