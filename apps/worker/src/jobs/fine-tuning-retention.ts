import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { ScheduleSpec } from "@infera/core";
import { existingJobIds, findExpiredWorkspaces, markWorkspacesRemoved } from "@infera/core";
import type { JobHandler } from "../job-handler.js";

const PAGE = 100;
const JOB_DIR = /^ftj_[0-9a-z]{26}$/;

/**
 * `fine_tuning.retention`: removes the workspaces of jobs finished longer ago than their project
 * keeps them (checkpoints, inputs, outputs already registered as a model version) and their log
 * lines, then the folders of jobs that were deleted. A folder is removed before the job is marked,
 * so a sweep killed in between removes it again next time (removing what is gone is a no-op).
 * Workspaces live where this worker's `workspaceRoot` is: on several machines, a shared folder.
 */
export function fineTuningRetention({ workspaceRoot }: { workspaceRoot: string }): JobHandler {
  return async ({ ctx, signal, log }) => {
    let removed = 0;
    for (;;) {
      const ids = await findExpiredWorkspaces(ctx, PAGE);
      for (const id of ids) await rm(join(workspaceRoot, id), { recursive: true, force: true });
      await markWorkspacesRemoved(ctx, ids);
      removed += ids.length;
      if (ids.length < PAGE || signal.aborted) break;
    }
    const folders = (await readdir(workspaceRoot).catch(() => [] as string[])).filter((n) => JOB_DIR.test(n));
    const existing = new Set<string>();
    for (let i = 0; i < folders.length; i += 1000)
      for (const id of await existingJobIds(ctx, folders.slice(i, i + 1000))) existing.add(id);
    const orphans = folders.filter((n) => !existing.has(n));
    for (const id of orphans) await rm(join(workspaceRoot, id), { recursive: true, force: true });
    if (removed || orphans.length)
      log.info({ removed, orphans: orphans.length }, "fine-tuning workspaces past retention removed");
  };
}

/** Hourly, and once when a worker starts. */
export const fineTuningRetentionSchedule: ScheduleSpec = {
  name: "fine_tuning.retention",
  kind: "fine_tuning.retention",
  payload: {},
  intervalSeconds: 3600,
  dueNow: true,
};
