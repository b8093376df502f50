import type { FineTuneJobEvent } from "@infera/contracts";
import { eq, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { authorizeJob } from "../job-access.js";
import { isFinished } from "../job-state-machine.js";
import { JOB_EVENTS_CHANNEL } from "./append-job-events.js";
import { loadJobEvents, parseEventTypes } from "./job-event-queries.js";

/** A job's event log as a followable feed: what a Server-Sent Events answer reads from. */
export interface JobEventFeed {
  after: number;
  load(after: number, limit: number): Promise<{ seq: number; type: string; data: FineTuneJobEvent }[]>;
  follow(wake: () => void): Promise<() => Promise<void>>;
  /** True once the job has finished (nothing more is appended), or when not following. */
  closed(): Promise<boolean>;
}

/**
 * Opens a job's event feed from `after` (default: its whole log), woken by each commit that appends
 * to it. Each SSE event is named by the event's type and carries the whole entry (seq, attempt, at,
 * data). The feed closes when the job finishes: its last events are sent, then the stream ends.
 */
export async function followFineTuneJobEvents({
  ctx,
  jobId,
  after,
  types,
  follow = true,
}: {
  ctx: ServiceContext;
  jobId: string;
  after?: number;
  types?: string;
  follow?: boolean;
}): Promise<JobEventFeed> {
  await authorizeJob(ctx, "fine_tuning.job.read", jobId);
  const only = parseEventTypes(types);
  const j = tables.fineTuneJobs;
  return {
    after: after ?? 0,
    async load(from, limit) {
      const events = await loadJobEvents(ctx.db, jobId, { after: from, limit, types: only });
      return events.map((e) => ({ seq: e.seq, type: e.type, data: e }));
    },
    follow: (wake) =>
      ctx.changes.listen(JOB_EVENTS_CHANNEL, (payload) => {
        if (payload === jobId) wake();
      }),
    async closed() {
      if (!follow) return true;
      const [row] = await ctx.db.select({ status: j.status }).from(j).where(eq(j.id, jobId));
      // A deleted job appends nothing more either.
      return !row || isFinished(row.status);
    },
  };
}
