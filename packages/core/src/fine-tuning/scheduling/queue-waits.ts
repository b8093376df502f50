import { inArray, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";

/**
 * How long each of these (just placed) jobs waited in the queue: from `queued_at` to now, in
 * seconds. For the scheduler's observer (`infera_fine_tune_queue_wait_seconds`); no principal.
 */
export async function queueWaitSeconds(ctx: ServiceContext, jobIds: readonly string[]): Promise<number[]> {
  if (!jobIds.length) return [];
  const j = tables.fineTuneJobs;
  const rows = await ctx.db
    .select({ queuedAt: j.queuedAt })
    .from(j)
    .where(inArray(j.id, [...jobIds]));
  const now = ctx.now().getTime();
  return rows.flatMap((r) => (r.queuedAt ? [Math.max(0, (now - r.queuedAt.getTime()) / 1000)] : []));
}
