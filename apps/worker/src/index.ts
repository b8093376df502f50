export { type HousekeepingConfig, housekeepingHandlers, housekeepingSchedules } from "./housekeeping.js";
export type { JobHandler, JobHandlers, JobRun } from "./job-handler.js";
export { parseJudgeAnswer } from "./jobs/evaluation-run/judge.js";
export type { EvaluationRunOptions } from "./jobs/evaluation-run/options.js";
export { evaluationRun } from "./jobs/evaluation-run.js";
export { type FineTuningRunOptions, fineTuningJobRun } from "./jobs/fine-tuning-job-run.js";
export { fineTuningRetention, fineTuningRetentionSchedule } from "./jobs/fine-tuning-retention.js";
export {
  fineTuningSchedule,
  fineTuningScheduleEvery10s,
  type SchedulingObserver,
} from "./jobs/fine-tuning-schedule.js";
export { notificationsPrune, notificationsPruneSchedule } from "./jobs/notifications-prune.js";
export {
  servicesCheckUpstreams,
  servicesCheckUpstreamsEvery,
  type UpstreamCheckOptions,
} from "./jobs/services-check-upstreams.js";
export { servicesLogsPrune, servicesLogsPruneSchedule } from "./jobs/services-logs-prune.js";
export {
  type ServiceMetricsObserver,
  type ServiceMetricsOptions,
  servicesMetrics,
  servicesMetricsEveryMinute,
} from "./jobs/services-metrics.js";
export { servicesMetricsPrune, servicesMetricsPruneHourly } from "./jobs/services-metrics-prune.js";
export {
  type ReplicaManagerOptions,
  servicesReconcile,
  servicesReconcileEvery5s,
} from "./jobs/services-reconcile.js";
export { usageRetention, usageRetentionSchedule } from "./jobs/usage-retention.js";
export { type UsageShipper, usageShip, usageShipEvery5s } from "./jobs/usage-ship.js";
export { webhookDeliver } from "./jobs/webhook-deliver.js";
export { shipReplicaLog } from "./serving/ship-replica-log.js";
export { type RunningWorker, startWorker, type WorkerOptions } from "./start-worker.js";
export { restoreCheckpoint } from "./training/restore-checkpoint.js";
export { storeCheckpoint } from "./training/store-checkpoint.js";
export { newWorkerId } from "./worker-id.js";
