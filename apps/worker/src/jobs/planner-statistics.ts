import { refreshPlannerStatistics } from "@infera/core";
import type { JobHandler } from "../job-handler.js";

/**
 * `housekeeping.planner_statistics`: ANALYZE on the embedded PGlite, which has no autovacuum. A
 * PostgreSQL server keeps its own statistics, so there the job does nothing (and is not scheduled).
 */
export function plannerStatistics(engine: "pglite" | "postgres"): JobHandler {
  return async ({ ctx }) => {
    if (engine === "pglite") await refreshPlannerStatistics(ctx.db);
  };
}
