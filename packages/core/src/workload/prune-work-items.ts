import { and, eq, inArray, lt, or, sql, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";

const t = tables.workItems;
const BATCH = 1000;

/**
 * Housekeeping of the queue itself: succeeded items older than `succeededDays` and dead letters older
 * than `deadDays` are deleted, a batch at a time (short transactions beside running workers). Their
 * idempotency keys are free again afterwards, which is why dead letters, worth reading, stay longer.
 * Returns how many it deleted.
 */
export async function pruneWorkItems({
  ctx,
  succeededDays,
  deadDays,
}: {
  ctx: ServiceContext;
  succeededDays: number;
  deadDays: number;
}): Promise<number> {
  const old = (status: "succeeded" | "dead", days: number) =>
    and(eq(t.status, status), lt(t.finishedAt, sql`now() - ${days} * interval '1 day'`));
  let total = 0;
  for (;;) {
    const batch = ctx.db
      .select({ id: t.id })
      .from(t)
      .where(or(old("succeeded", succeededDays), old("dead", deadDays)))
      .limit(BATCH);
    const gone = await ctx.db.delete(t).where(inArray(t.id, batch)).returning({ id: t.id });
    total += gone.length;
    if (gone.length < BATCH) return total;
  }
}
