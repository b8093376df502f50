import { type Executor, sql, tables } from "@infera/db";
import type { JobLease } from "../ports/job-queue.js";
import { ownedBy } from "./owned-by.js";

const t = tables.workItems;

/**
 * Hands an attempt that a stopping worker interrupted back to the queue at once, without counting it:
 * the next worker starts it again instead of waiting for the lease to expire.
 */
export async function releaseJob(db: Executor, lease: JobLease): Promise<boolean> {
  const rows = await db
    .update(t)
    .set({
      status: "queued",
      attempts: sql`${t.attempts} - 1`,
      leaseOwner: null,
      leaseExpiresAt: null,
      runAfter: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(ownedBy(lease))
    .returning({ id: t.id });
  return rows.length > 0;
}
