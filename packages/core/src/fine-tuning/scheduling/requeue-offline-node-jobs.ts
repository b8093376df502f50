import { and, eq, inArray, lt, sql, tables } from "@infera/db";
import { ACTIVE_JOB_STATES } from "../../nodes/node-capacity.js";
import type { TxContext } from "../../shared/transaction.js";
import { transitionJob } from "../job-state-machine.js";
import { loseFineTuneRunNode } from "../run/begin-fine-tune-run.js";

/**
 * Jobs placed on a node that has been offline past the grace: the node's worker will never take
 * their run items (targeted at it), so the scheduling pass treats them as a lost node — a placed
 * job goes back to the queue, a running one too with its next attempt (resuming from a checkpoint
 * where the workspace is shared), failing `node_lost` after MAX_NODE_LOSSES; one being canceled
 * ends canceled. Their run items end as dead letters. The caller holds the scheduler's lock.
 */
export async function requeueOfflineNodeJobs(tx: TxContext, offlineSeconds: number): Promise<number> {
  const n = tables.nodes;
  const j = tables.fineTuneJobs;
  const jobs = await tx.db
    .select({ job: j, nodeName: n.name })
    .from(j)
    .innerJoin(n, eq(n.id, j.nodeId))
    .where(
      and(
        inArray(j.status, [...ACTIVE_JOB_STATES]),
        lt(n.lastSeenAt, sql`now() - ${offlineSeconds} * interval '1 second'`),
      ),
    )
    .orderBy(j.id)
    .for("update", { of: j });
  if (!jobs.length) return 0;
  const w = tables.workItems;
  await tx.db
    .update(w)
    .set({
      status: "dead",
      lastError: sql`'its node went offline: the job was placed again'`,
      leaseOwner: null,
      leaseExpiresAt: null,
      finishedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(w.kind, "fine_tuning.job.run"),
        inArray(w.status, ["queued", "leased"]),
        inArray(w.targetNode, [...new Set(jobs.map((x) => x.job.nodeId!))]),
      ),
    );
  for (const { job, nodeName } of jobs) {
    const what = `node ${nodeName} went offline during attempt ${job.attempt}`;
    if (job.status === "canceling")
      await transitionJob(
        tx,
        job,
        "canceled",
        `canceled (node ${nodeName} went offline while it was stopping)`,
      );
    else await loseFineTuneRunNode(tx, job, what, null);
  }
  return jobs.length;
}
