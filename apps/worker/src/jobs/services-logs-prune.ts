import type { JobPayload } from "@infera/contracts";
import { pruneServiceLogs, type ScheduleSpec } from "@infera/core";
import type { JobHandler } from "../job-handler.js";

/** `services.logs_prune`: replica log lines leave after the retention (decision 0029). */
export const servicesLogsPrune: JobHandler<JobPayload<"services.logs_prune">> = async ({ ctx, job, log }) => {
  const deleted = await pruneServiceLogs({ ctx, days: job.payload.days });
  if (deleted) log.info({ deleted, days: job.payload.days }, "service log lines past retention pruned");
};

/** Hourly, and once when a worker starts; the period is INFERA_SERVICE_LOG_RETENTION_DAYS. */
export function servicesLogsPruneSchedule(days: number): ScheduleSpec {
  return {
    name: "services.logs_prune",
    kind: "services.logs_prune",
    payload: { days },
    intervalSeconds: 3600,
    dueNow: true,
  };
}
