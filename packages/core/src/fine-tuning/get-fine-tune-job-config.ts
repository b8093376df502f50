import type { FineTuneJobConfig } from "@infera/contracts";
import type { ServiceContext } from "../shared/context.js";
import { authorizeJob } from "./job-access.js";

/**
 * The job's configuration alone (seed 004 NFR-M3: export), defaults filled in: posting it to the
 * project's jobs creates the same job again.
 */
export async function getFineTuneJobConfig({
  ctx,
  jobId,
}: {
  ctx: ServiceContext;
  jobId: string;
}): Promise<FineTuneJobConfig> {
  const { job } = await authorizeJob(ctx, "fine_tuning.job.read", jobId);
  return job.config as FineTuneJobConfig;
}
