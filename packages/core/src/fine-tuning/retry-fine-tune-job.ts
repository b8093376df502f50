import type { FineTuneJobConfig, FineTuneJobDetail } from "@infera/contracts";
import { recordAudit } from "../audit/record-audit.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { actorIdOf, authorizeJob } from "./job-access.js";
import { transitionJob } from "./job-state-machine.js";
import { checkPlacement } from "./resolve-job-inputs.js";
import { requestSchedulingPass } from "./scheduling/request-scheduling-pass.js";
import { withQueueEstimates } from "./scheduling/with-queue-estimates.js";
import { loadJobDetail } from "./to-fine-tune-job.js";

/**
 * Queues a failed or canceled job again: same id, same configuration and resolved ids, the next
 * attempt (which resumes from the job's last checkpoint when one was kept). The runtime and class
 * are checked again, since an admin may have disabled the class meanwhile.
 */
export async function retryFineTuneJob({
  ctx,
  jobId,
}: {
  ctx: ServiceContext;
  jobId: string;
}): Promise<FineTuneJobDetail> {
  return withTransaction(ctx, async (tx) => {
    const { job } = await authorizeJob(tx, "fine_tuning.job.retry", jobId, { forUpdate: true });
    if (job.status !== "failed" && job.status !== "canceled")
      throw conflict(`the job is ${job.status}; only failed or canceled jobs can be retried`, {
        status: job.status,
      });
    await checkPlacement(tx, job.config as FineTuneJobConfig);
    const before = (await loadJobDetail(tx.db, jobId))!;
    await transitionJob(tx, job, "queued", "retried", {
      actorId: actorIdOf(tx),
      set: {
        attempt: job.attempt + 1,
        failureReason: null,
        failureMessage: null,
        failureSuggestion: null,
      },
    });
    await requestSchedulingPass(tx);
    const after = (await loadJobDetail(tx.db, jobId))!;
    await recordAudit(tx, {
      action: "fine_tuning.job.retry",
      resourceType: "fine_tune_job",
      resourceId: jobId,
      tenantId: job.tenantId,
      projectId: job.projectId,
      before,
      after,
    });
    // Its place in the queue, as get answers it.
    return (await withQueueEstimates(tx, [after]))[0]!;
  });
}
