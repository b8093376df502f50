import { lt, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";

/**
 * Deletes the minute rows older than `days` and answers how many went. Run hourly, one sweep removes
 * an hour of rows per replica, so one statement is short enough.
 */
export async function pruneServiceMetrics({
  ctx,
  days,
}: {
  ctx: ServiceContext;
  days: number;
}): Promise<number> {
  const m = tables.serviceMetricMinutes;
  const before = new Date(ctx.now().getTime() - days * 86_400_000);
  const gone = await ctx.db.delete(m).where(lt(m.minute, before)).returning({ replicaId: m.replicaId });
  return gone.length;
}
