import { inArray, lt, sql, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";

const t = tables.usageRecords;
const BATCH = 5000;

/**
 * Deletes raw usage records older than `rawDays` (by the database's clock), a batch at a time so the
 * shipper's inserts are never held behind one long delete. The per-minute rollups stay: the usage
 * page reads them for any range. Returns how many it deleted.
 */
export async function pruneUsageRecords({
  ctx,
  rawDays,
}: {
  ctx: ServiceContext;
  rawDays: number;
}): Promise<number> {
  let total = 0;
  for (;;) {
    const old = ctx.db
      .select({ id: t.id })
      .from(t)
      .where(lt(t.at, sql`now() - ${rawDays} * interval '1 day'`))
      .limit(BATCH);
    const gone = await ctx.db.delete(t).where(inArray(t.id, old)).returning({ id: t.id });
    total += gone.length;
    if (gone.length < BATCH) return total;
  }
}
