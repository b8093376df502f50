import type { FineTuneJobEvent, FineTuneJobEventType } from "@infera/contracts";
import { and, asc, type Executor, eq, gt, inArray, tables } from "@infera/db";
import { iso } from "../../shared/pagination.js";

type EventRow = typeof tables.fineTuneJobEvents.$inferSelect;

export function toJobEvent(row: EventRow): FineTuneJobEvent {
  return {
    seq: row.seq,
    attempt: row.attempt,
    type: row.type as FineTuneJobEventType,
    at: iso(row.at)!,
    data: row.data,
  };
}

/** `metrics` or `log,status` → the types; undefined or empty → all. */
export function parseEventTypes(types: string | undefined): FineTuneJobEventType[] | undefined {
  const list = types
    ?.split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  return list?.length ? (list as FineTuneJobEventType[]) : undefined;
}

/** A job's events after `after`, ascending, at most `limit`, of the given types. */
export async function loadJobEvents(
  db: Executor,
  jobId: string,
  opts: { after: number; limit: number; types?: readonly FineTuneJobEventType[] },
): Promise<FineTuneJobEvent[]> {
  const e = tables.fineTuneJobEvents;
  const rows = await db
    .select()
    .from(e)
    .where(
      and(
        eq(e.jobId, jobId),
        gt(e.seq, opts.after),
        opts.types ? inArray(e.type, [...opts.types]) : undefined,
      ),
    )
    .orderBy(asc(e.seq))
    .limit(opts.limit);
  return rows.map(toJobEvent);
}
