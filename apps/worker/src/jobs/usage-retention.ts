import type { JobPayload } from "@infera/contracts";
import { pruneUsageRecords, type ScheduleSpec } from "@infera/core";
import type { JobHandler } from "../job-handler.js";

/** `usage.retention`: raw usage records older than the retention period go; the per-minute rollups stay. */
export const usageRetention: JobHandler<JobPayload<"usage.retention">> = async ({ ctx, job, log }) => {
  const deleted = await pruneUsageRecords({ ctx, rawDays: job.payload.raw_days });
  if (deleted)
    log.info({ deleted, rawDays: job.payload.raw_days }, "raw usage records past retention pruned");
};

/** Hourly, and once when a worker starts; the period is INFERA_USAGE_RAW_RETENTION_DAYS. */
export function usageRetentionSchedule(rawDays: number): ScheduleSpec {
  return {
    name: "usage.retention",
    kind: "usage.retention",
    payload: { raw_days: rawDays },
    intervalSeconds: 3600,
    dueNow: true,
  };
}
