import type { JobPayload } from "@infera/contracts";
import { pruneServiceMetrics, type ScheduleSpec } from "@infera/core";
import type { JobHandler } from "../job-handler.js";

/** `services.metrics_prune`: service metric minute rows leave after the retention (7 days). */
export const servicesMetricsPrune: JobHandler<JobPayload<"services.metrics_prune">> = async ({
  ctx,
  job,
  log,
}) => {
  const deleted = await pruneServiceMetrics({ ctx, days: job.payload.days });
  if (deleted) log.info({ deleted }, "service metric rows past retention pruned");
};

/** Hourly, and once when a worker starts. */
export const servicesMetricsPruneHourly: ScheduleSpec = {
  name: "services.metrics_prune",
  kind: "services.metrics_prune",
  payload: { days: 7 },
  intervalSeconds: 3600,
  dueNow: true,
};
