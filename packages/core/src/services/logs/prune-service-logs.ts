import { sql, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { rawRows } from "../../shared/raw-rows.js";

/** Lines deleted per statement: each is a short transaction however large the backlog. */
const BATCH = 5000;

/**
 * Deletes replica log lines older than `days` (by the line's own time) and answers how many went.
 * One service at a time, in batches of `batchSize`, through the (service, time) index. Each
 * replica's newest line stays whatever its age: it carries the offset the next shipment of that
 * replica starts from (decision 0029) and the service's highest seq, so a quiet replica is not
 * shipped again from the start of its file and a live follower never sees a seq drawn twice. A run
 * cut off between batches has committed what it deleted; running it again deletes the rest.
 */
export async function pruneServiceLogs({
  ctx,
  days,
  batchSize = BATCH,
}: {
  ctx: ServiceContext;
  days: number;
  batchSize?: number;
}): Promise<number> {
  const s = tables.services;
  const services = await ctx.db.select({ id: s.id }).from(s).orderBy(s.id);
  let total = 0;
  for (const { id } of services)
    for (;;) {
      const gone = await ctx.db.execute(sql`
        delete from service_replica_logs
        where service_id = ${id} and seq in (
          select l.seq from service_replica_logs l
          where l.service_id = ${id}
            and l.at < now() - ${days} * interval '1 day'
            and exists (
              select 1 from service_replica_logs n
              where n.replica_id = l.replica_id and n.offset_end > l.offset_end)
          limit ${batchSize})
        returning seq`);
      const n = rawRows(gone).length;
      total += n;
      if (n < batchSize) break;
    }
  return total;
}
