import type { ScheduleSpec } from "@infera/core";
import type { JobHandlers } from "./job-handler.js";
import { auditAnchor } from "./jobs/audit-anchor.js";
import { blobGc } from "./jobs/blob-gc.js";
import { plannerStatistics } from "./jobs/planner-statistics.js";
import { queuePrune } from "./jobs/queue-prune.js";
import { uploadSweep } from "./jobs/upload-sweep.js";

export interface HousekeepingConfig {
  engine: "pglite" | "postgres";
  auditAnchorIntervalMinutes: number;
  /** 0 turns the scheduled blob garbage collection off (the admin route still runs it). */
  blobGcIntervalHours: number;
}

/** The handlers of every housekeeping kind. */
export function housekeepingHandlers(config: Pick<HousekeepingConfig, "engine">): JobHandlers {
  return {
    "housekeeping.upload_sweep": uploadSweep,
    "housekeeping.planner_statistics": plannerStatistics(config.engine),
    "housekeeping.audit_anchor": auditAnchor,
    "housekeeping.blob_gc": blobGc,
    "housekeeping.queue_prune": queuePrune,
  };
}

/**
 * The recurring housekeeping, ensured by every worker at start. The sweeps, ANALYZE and anchoring
 * fall due at each start (as the timers they replace ran at start); blob collection and pruning first
 * run one interval after their schedule is created. An interval of 0 removes the schedule.
 */
export function housekeepingSchedules(config: HousekeepingConfig): ScheduleSpec[] {
  return [
    {
      name: "housekeeping.upload_sweep",
      kind: "housekeeping.upload_sweep",
      payload: {},
      intervalSeconds: 3600,
      dueNow: true,
    },
    {
      name: "housekeeping.planner_statistics",
      kind: "housekeeping.planner_statistics",
      payload: {},
      // A PostgreSQL server analyzes by itself.
      intervalSeconds: config.engine === "pglite" ? 600 : 0,
      dueNow: true,
    },
    {
      name: "housekeeping.audit_anchor",
      kind: "housekeeping.audit_anchor",
      payload: {},
      intervalSeconds: config.auditAnchorIntervalMinutes * 60,
      dueNow: true,
    },
    {
      name: "housekeeping.blob_gc",
      kind: "housekeeping.blob_gc",
      payload: {},
      intervalSeconds: config.blobGcIntervalHours * 3600,
    },
    {
      name: "housekeeping.queue_prune",
      kind: "housekeeping.queue_prune",
      payload: {},
      intervalSeconds: 86_400,
    },
  ];
}
