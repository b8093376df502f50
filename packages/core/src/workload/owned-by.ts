import { and, eq, tables } from "@infera/db";
import type { JobLease } from "../ports/job-queue.js";

const t = tables.workItems;

/** The fencing condition: still leased, by this owner, for this attempt. */
export function ownedBy(lease: JobLease) {
  return and(
    eq(t.id, lease.id),
    eq(t.status, "leased"),
    eq(t.leaseOwner, lease.owner),
    eq(t.attempts, lease.attempt),
  );
}
