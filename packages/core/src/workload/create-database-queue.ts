import type { JobKindDefinition } from "@infera/contracts";
import type { Database } from "@infera/db";
import type { DeadLetterHook, JobQueue } from "../ports/job-queue.js";
import { completeJob } from "./complete-job.js";
import { deadLetterHooksOf } from "./dead-letter-hooks.js";
import { enqueueDueSchedules } from "./enqueue-due-schedules.js";
import { enqueueJob, enqueueJobs } from "./enqueue-job.js";
import { ensureSchedule } from "./ensure-schedule.js";
import { expireLeases, leaseOwners } from "./expire-leases.js";
import { failJob } from "./fail-job.js";
import { heartbeatJob } from "./heartbeat-job.js";
import { jobKindsOf } from "./job-kinds.js";
import { leaseJobs } from "./lease-jobs.js";
import { releaseJob } from "./release-job.js";
import { removeSchedule } from "./remove-schedule.js";

/**
 * The job queue on the platform's own database (PGlite or PostgreSQL): tables `work_items` and
 * `work_schedules` (decision 0013). `db` serves the worker's calls; `enqueue` writes through the
 * caller's transaction instead. `extraKinds` adds kinds outside the catalog (tests), and
 * `extraDeadLetterHooks` hooks for them (`dead-letter-hooks.ts` holds the catalog's).
 */
export function createDatabaseQueue({
  db,
  extraKinds = [],
  extraDeadLetterHooks = {},
}: {
  db: Database;
  extraKinds?: readonly JobKindDefinition[];
  extraDeadLetterHooks?: Readonly<Record<string, DeadLetterHook>>;
}): JobQueue {
  const kinds = jobKindsOf(extraKinds);
  const hooks = deadLetterHooksOf(extraDeadLetterHooks);
  return {
    kinds,
    enqueue: (tx, kind, payload, opts) => enqueueJob(kinds, tx, kind, payload, opts),
    enqueueMany: (tx, kind, items) => enqueueJobs(kinds, tx, kind, items),
    lease: (owner, only, limit, opts) => leaseJobs(db, hooks, owner, only, limit, opts?.node),
    heartbeat: (lease) => heartbeatJob(db, lease),
    complete: (lease) => completeJob(db, lease),
    fail: (lease, error, opts) => failJob(kinds, hooks, db, lease, error, opts),
    release: (lease) => releaseJob(db, lease),
    leaseOwners: (prefix) => leaseOwners(db, prefix),
    expireLeases: (owners) => expireLeases(db, owners),
    ensureSchedule: (spec) => ensureSchedule(kinds, db, spec),
    removeSchedule: (name) => removeSchedule(db, name),
    enqueueDueSchedules: (only, opts) => enqueueDueSchedules(kinds, db, only, opts?.node),
  };
}
