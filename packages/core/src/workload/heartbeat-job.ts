import { type Executor, sql, tables } from "@infera/db";
import type { JobLease } from "../ports/job-queue.js";
import { ownedBy } from "./owned-by.js";

const t = tables.workItems;

/**
 * Extends a running attempt's lease by the item's lease time from now. An attempt whose lease ran out
 * but that nobody took over yet still owns the item and gets it back; one that was taken over gets
 * false, and its worker stops the handler.
 */
export async function heartbeatJob(db: Executor, lease: JobLease): Promise<boolean> {
  const rows = await db
    .update(t)
    .set({ leaseExpiresAt: sql`now() + ${t.leaseSeconds} * interval '1 second'`, updatedAt: sql`now()` })
    .where(ownedBy(lease))
    .returning({ id: t.id });
  return rows.length > 0;
}
