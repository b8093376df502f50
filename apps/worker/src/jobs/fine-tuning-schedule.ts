import { queueWaitSeconds, type ScheduleSpec, scheduleFineTuneJobs } from "@infera/core";
import type { JobHandler } from "../job-handler.js";

/** Told about each scheduling pass (the server's Prometheus metrics, when it serves them). */
export interface SchedulingObserver {
  /** One pass took this long and placed these jobs, each after waiting this long in the queue. */
  pass(seconds: number, placedQueueWaits: readonly number[]): void;
}

/** `fine_tuning.schedule`: one scheduling pass over the registered nodes, run by whichever worker takes it. */
export function fineTuningSchedule(observer?: SchedulingObserver): JobHandler {
  return async ({ ctx, log }) => {
    const start = performance.now();
    const pass = await scheduleFineTuneJobs({ ctx });
    const seconds = (performance.now() - start) / 1000;
    if (observer) observer.pass(seconds, await queueWaitSeconds(ctx, pass.placed));
    if (pass.requeued) log.warn({ requeued: pass.requeued }, "fine-tuning jobs of offline nodes requeued");
    if (pass.placed.length)
      log.info({ placed: pass.placed, waiting: pass.waiting }, "fine-tuning jobs placed");
  };
}

/**
 * Every 10 s as a safety net: each change that can start a job (a submission, a retry, a job ending)
 * asks for a pass itself; this one catches a wake-up lost between two of them.
 */
export const fineTuningScheduleEvery10s: ScheduleSpec = {
  name: "fine_tuning.schedule",
  kind: "fine_tuning.schedule",
  payload: {},
  intervalSeconds: 10,
  dueNow: true,
};
