import { sql } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { rawRows } from "../shared/raw-rows.js";

/** Notifications deleted per statement: each is a short transaction however large the backlog. */
const BATCH = 5000;

/**
 * Deletes notifications older than `days`, read or not, and answers how many went. A bell holds
 * what happened lately; the audit log keeps the record of every change for good. Batches of
 * `batchSize` so no statement holds locks long; a run cut off between batches has committed what it
 * deleted, and running it again deletes the rest. Seqs are drawn from one sequence, so a follower's
 * `Last-Event-ID` stays valid when the rows before it are gone.
 */
export async function pruneNotifications({
  ctx,
  days,
  batchSize = BATCH,
}: {
  ctx: ServiceContext;
  days: number;
  batchSize?: number;
}): Promise<number> {
  let total = 0;
  for (;;) {
    const gone = await ctx.db.execute(sql`
      delete from notifications
      where id in (
        select id from notifications
        where created_at < now() - ${days} * interval '1 day'
        limit ${batchSize})
      returning id`);
    const n = rawRows(gone).length;
    total += n;
    if (n < batchSize) return total;
  }
}
