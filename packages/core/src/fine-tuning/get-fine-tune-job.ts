import type { FineTuneJobDetail } from "@infera/contracts";
import type { ServiceContext } from "../shared/context.js";
import { authorizeJob } from "./job-access.js";
import { withQueueEstimates } from "./scheduling/with-queue-estimates.js";
import { loadJobDetail } from "./to-fine-tune-job.js";

/** One job with its timeline. */
export async function getFineTuneJob({
  ctx,
  jobId,
}: {
  ctx: ServiceContext;
  jobId: string;
}): Promise<FineTuneJobDetail> {
  await authorizeJob(ctx, "fine_tuning.job.read", jobId);
  const [job] = await withQueueEstimates(ctx, [(await loadJobDetail(ctx.db, jobId))!]);
  return job!;
}
