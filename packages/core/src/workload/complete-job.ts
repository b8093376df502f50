import { type Executor, sql, tables } from "@infera/db";
import type { JobLease } from "../ports/job-queue.js";
import { ownedBy } from "./owned-by.js";

const t = tables.workItems;

/** Marks the attempt's item succeeded; false (nothing changed) when the lease was lost meanwhile. */
export async function completeJob(db: Executor, lease: JobLease): Promise<boolean> {
  const rows = await db
    .update(t)
    .set({
      status: "succeeded",
      leaseOwner: null,
      leaseExpiresAt: null,
      finishedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(ownedBy(lease))
    .returning({ id: t.id });
  return rows.length > 0;
}
