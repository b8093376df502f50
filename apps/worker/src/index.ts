export { type HousekeepingConfig, housekeepingHandlers, housekeepingSchedules } from "./housekeeping.js";
export type { JobHandler, JobHandlers, JobRun } from "./job-handler.js";
export { type FineTuningRunOptions, fineTuningJobRun } from "./jobs/fine-tuning-job-run.js";
export { fineTuningRetention, fineTuningRetentionSchedule } from "./jobs/fine-tuning-retention.js";
export {
  fineTuningSchedule,
  fineTuningScheduleEvery10s,
  type SchedulingObserver,
} from "./jobs/fine-tuning-schedule.js";
export {
  type ReplicaManagerOptions,
  servicesReconcile,
  servicesReconcileEvery5s,
} from "./jobs/services-reconcile.js";
export { usageRetention, usageRetentionSchedule } from "./jobs/usage-retention.js";
export { type UsageShipper, usageShip, usageShipEvery5s } from "./jobs/usage-ship.js";
export { webhookDeliver } from "./jobs/webhook-deliver.js";
export { type RunningWorker, startWorker, type WorkerOptions } from "./start-worker.js";
export { restoreCheckpoint } from "./training/restore-checkpoint.js";
export { storeCheckpoint } from "./training/store-checkpoint.js";
export { newWorkerId } from "./worker-id.js";
