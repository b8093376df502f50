import type { TxContext } from "../../shared/transaction.js";
import type { JobRow } from "../job-access.js";
import { transitionJob } from "../job-state-machine.js";

/** Where the scheduler put a job: a registered node, and the GPUs of it the job holds. */
export interface JobPlacement {
  id: string;
  name: string;
  gpuIndices: readonly number[];
}

/**
 * The scheduler's decision for one job, inside its transaction: the job moves queued → starting
 * on the node (recorded on the job with its GPUs, and named in its timeline), and a
 * `fine_tuning.job.run` work item targeted at that node is enqueued for that attempt: only that
 * node's worker takes it. Both commit together, so a placed job always has a run to pick it up, and
 * the idempotency key makes a second placement of the same attempt add no second run.
 */
export async function placeFineTuneJob(tx: TxContext, job: JobRow, node: JobPlacement): Promise<JobRow> {
  const placed = await transitionJob(tx, job, "starting", `placed on node ${node.name}`, {
    set: { nodeId: node.id, gpuIndices: [...node.gpuIndices], waitReason: null },
  });
  await tx.queue.enqueue(
    tx,
    "fine_tuning.job.run",
    { job_id: job.id, attempt: placed.attempt },
    { idempotencyKey: `${job.id}:${placed.attempt}`, priority: placed.priority, targetNode: node.id },
  );
  return placed;
}
