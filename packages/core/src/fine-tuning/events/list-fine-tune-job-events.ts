import type { FineTuneJobEventList, FineTuneJobEventsQuery } from "@infera/contracts";
import type { ServiceContext } from "../../shared/context.js";
import { authorizeJob } from "../job-access.js";
import { loadJobEvents, parseEventTypes } from "./job-event-queries.js";

/**
 * A page of a job's event log (metrics for the curves, logs, checkpoints, state changes), oldest
 * first from `after`. `next_after` continues it; a running job's log grows, so a reader that reached
 * the end (null) asks again later with the last seq it has, or follows the stream instead.
 */
export async function listFineTuneJobEvents({
  ctx,
  jobId,
  query,
}: {
  ctx: ServiceContext;
  jobId: string;
  query: FineTuneJobEventsQuery;
}): Promise<FineTuneJobEventList> {
  await authorizeJob(ctx, "fine_tuning.job.read", jobId);
  const data = await loadJobEvents(ctx.db, jobId, {
    after: query.after ?? 0,
    limit: query.limit,
    types: parseEventTypes(query.type),
  });
  return { data, next_after: data.length === query.limit ? data.at(-1)!.seq : null };
}
