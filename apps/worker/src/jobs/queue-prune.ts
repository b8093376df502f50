import type { JobPayload } from "@infera/contracts";
import { pruneWorkItems } from "@infera/core";
import type { JobHandler } from "../job-handler.js";

/** `housekeeping.queue_prune`: finished work items leave the queue's table after a while. */
export const queuePrune: JobHandler<JobPayload<"housekeeping.queue_prune">> = async ({ ctx, job, log }) => {
  const deleted = await pruneWorkItems({
    ctx,
    succeededDays: job.payload.succeeded_days,
    deadDays: job.payload.dead_days,
  });
  if (deleted) log.info({ deleted }, "finished work items pruned");
};
