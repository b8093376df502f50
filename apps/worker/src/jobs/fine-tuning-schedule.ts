import { type ScheduleSpec, scheduleFineTuneJobs } from "@infera/core";
import type { JobHandler } from "../job-handler.js";

/** `fine_tuning.schedule`: one scheduling pass over the registered nodes, run by whichever worker takes it. */
export function fineTuningSchedule(): JobHandler {
  return async ({ ctx, log }) => {
    const pass = await scheduleFineTuneJobs({ ctx });
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
