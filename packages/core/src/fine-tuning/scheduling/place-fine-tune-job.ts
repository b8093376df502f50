import type { TxContext } from "../../shared/transaction.js";
import type { JobRow } from "../job-access.js";
import { transitionJobs } from "../job-state-machine.js";

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
  const [placed] = await placeFineTuneJobs(tx, [{ job, node }]);
  return placed!;
}

/**
 * `placeFineTuneJob` for every decision of a scheduling pass at once (its only implementation):
 * one `transitionJobs` for the state changes and their timeline, events and webhooks, and one
 * `enqueueMany` for the run items, so a pass costs a handful of statements however many jobs it
 * places. The caller holds the jobs' row locks and has checked they are still queued.
 */
export async function placeFineTuneJobs(
  tx: TxContext,
  placements: readonly { job: JobRow; node: JobPlacement }[],
): Promise<JobRow[]> {
  const placed = await transitionJobs(
    tx,
    placements.map(({ job, node }) => ({
      job,
      reason: `placed on node ${node.name}`,
      set: { nodeId: node.id, gpuIndices: [...node.gpuIndices], waitReason: null },
    })),
    "starting",
  );
  await tx.queue.enqueueMany(
    tx,
    "fine_tuning.job.run",
    placed.map((p, i) => ({
      payload: { job_id: p.id, attempt: p.attempt },
      opts: {
        idempotencyKey: `${p.id}:${p.attempt}`,
        priority: p.priority,
        targetNode: placements[i]!.node.id,
      },
    })),
  );
  return placed;
}
