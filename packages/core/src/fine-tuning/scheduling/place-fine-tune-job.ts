import type { TxContext } from "../../shared/transaction.js";
import type { JobRow } from "../job-access.js";
import { transitionJob } from "../job-state-machine.js";

/**
 * The scheduler's decision for one job, inside its transaction: the job moves queued → starting
 * with the node named in its timeline, and a `fine_tuning.job.run` work item is enqueued for that
 * attempt. Both commit together, so a placed job always has a run to pick it up, and the
 * idempotency key makes a second placement of the same attempt (two schedulers racing past their
 * lock, a retried pass) add no second run.
 */
export async function placeFineTuneJob(
  tx: TxContext,
  job: JobRow,
  node: { id: string; name: string },
): Promise<JobRow> {
  const placed = await transitionJob(tx, job, "starting", `placed on node ${node.name}`);
  await tx.queue.enqueue(
    tx,
    "fine_tuning.job.run",
    { job_id: job.id, attempt: placed.attempt },
    { idempotencyKey: `${job.id}:${placed.attempt}`, priority: placed.priority },
  );
  return placed;
}
