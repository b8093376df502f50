import type { FineTuneJobCheckpoint } from "@infera/contracts";
import type { ServiceContext } from "../../shared/context.js";
import { authorizeJob } from "../job-access.js";
import { loadJobCheckpoints } from "./job-checkpoints.js";

/** A job's checkpoints, oldest step first, and whether each can still be downloaded. */
export async function listFineTuneJobCheckpoints({
  ctx,
  jobId,
}: {
  ctx: ServiceContext;
  jobId: string;
}): Promise<FineTuneJobCheckpoint[]> {
  const { job } = await authorizeJob(ctx, "fine_tuning.job.read", jobId);
  return (await loadJobCheckpoints(ctx, job)).map(({ dir: _dir, stored, ...c }) => ({
    ...c,
    stored: stored !== null,
  }));
}
