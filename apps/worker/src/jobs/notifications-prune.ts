import type { JobPayload } from "@infera/contracts";
import { pruneNotifications, type ScheduleSpec } from "@infera/core";
import type { JobHandler } from "../job-handler.js";

/** `notifications.prune`: notifications leave the bell after the retention, read or not. */
export const notificationsPrune: JobHandler<JobPayload<"notifications.prune">> = async ({
  ctx,
  job,
  log,
}) => {
  const deleted = await pruneNotifications({ ctx, days: job.payload.days });
  if (deleted) log.info({ deleted, days: job.payload.days }, "notifications past retention pruned");
};

/** Daily, and once when a worker starts; the period is INFERA_NOTIFICATION_RETENTION_DAYS. */
export function notificationsPruneSchedule(days: number): ScheduleSpec {
  return {
    name: "notifications.prune",
    kind: "notifications.prune",
    payload: { days },
    intervalSeconds: 86_400,
    dueNow: true,
  };
}
