import type { FineTuneJobDetail, FineTuneJobStatus } from "@infera/contracts";
import { recordAudit } from "../audit/record-audit.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { actorIdOf, authorizeJob } from "./job-access.js";
import { transitionJob } from "./job-state-machine.js";
import { requestSchedulingPass } from "./scheduling/request-scheduling-pass.js";
import { loadJobDetail } from "./to-fine-tune-job.js";

/**
 * Where a cancel takes a job: one that has not started training ends at once; a running one goes to
 * `canceling`, and the worker stops it (with a checkpoint) and ends it `canceled`.
 */
const CANCEL_TO: Partial<Record<FineTuneJobStatus, FineTuneJobStatus>> = {
  queued: "canceled",
  starting: "canceled",
  running: "canceling",
};

export async function cancelFineTuneJob({
  ctx,
  jobId,
}: {
  ctx: ServiceContext;
  jobId: string;
}): Promise<FineTuneJobDetail> {
  return withTransaction(ctx, async (tx) => {
    const { job } = await authorizeJob(tx, "fine_tuning.job.cancel", jobId, { forUpdate: true });
    const to = CANCEL_TO[job.status];
    if (!to)
      throw conflict(
        job.status === "canceling"
          ? "the job is already being canceled"
          : `the job is ${job.status}; only queued, starting or running jobs can be canceled`,
        { status: job.status },
      );
    const before = (await loadJobDetail(tx.db, jobId))!;
    await transitionJob(tx, job, to, "canceled", { actorId: actorIdOf(tx) });
    // A job that held a slot (placed, not yet running) frees it now.
    if (job.status === "starting") await requestSchedulingPass(tx);
    const after = (await loadJobDetail(tx.db, jobId))!;
    await recordAudit(tx, {
      action: "fine_tuning.job.cancel",
      resourceType: "fine_tune_job",
      resourceId: jobId,
      tenantId: job.tenantId,
      projectId: job.projectId,
      before,
      after,
    });
    return after;
  });
}
