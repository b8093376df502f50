import { eq, tables } from "@infera/db";
import { recordAudit } from "../audit/record-audit.js";
import type { ServiceContext } from "../shared/context.js";
import { conflict } from "../shared/errors.js";
import { withTransaction } from "../shared/transaction.js";
import { authorizeJob } from "./job-access.js";
import { isFinished } from "./job-state-machine.js";
import { loadJobDetail } from "./to-fine-tune-job.js";

/**
 * Deletes a finished job and its timeline (seed 004 FR22). A model version it registered stays: it
 * is an asset of its own. A job still queued or running must be canceled first.
 */
export async function deleteFineTuneJob({
  ctx,
  jobId,
}: {
  ctx: ServiceContext;
  jobId: string;
}): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const { job } = await authorizeJob(tx, "fine_tuning.job.delete", jobId, { forUpdate: true });
    if (!isFinished(job.status))
      throw conflict(`the job is ${job.status}; cancel it and delete it once it has finished`, {
        status: job.status,
      });
    const before = (await loadJobDetail(tx.db, jobId))!;
    await tx.db.delete(tables.fineTuneJobs).where(eq(tables.fineTuneJobs.id, jobId));
    await recordAudit(tx, {
      action: "fine_tuning.job.delete",
      resourceType: "fine_tune_job",
      resourceId: jobId,
      tenantId: job.tenantId,
      projectId: job.projectId,
      before,
    });
  });
}
