import { and, type Database, eq, inArray, isNull, or, sql, tables } from "@infera/db";
import type { EnqueueResult } from "../ports/job-queue.js";
import { enqueueJob } from "./enqueue-job.js";
import type { JobKinds } from "./job-kinds.js";

const t = tables.workSchedules;

/**
 * One scheduler tick: every due schedule of `only` moves to its next slot and enqueues one item, in
 * one transaction. Due rows are taken `FOR UPDATE SKIP LOCKED`, so of many workers ticking at once
 * one takes each schedule and the others pass; the idempotency key `schedule:<name>:<slot>` makes a
 * slot enqueue once even if that ever failed. Slots missed while no worker ran collapse into one run.
 * A node's own schedule (decision 0033) is ticked only by the worker of `node`, and its item is
 * targeted at that node: every node runs its own, and a node that is gone enqueues nothing.
 */
export async function enqueueDueSchedules(
  kinds: JobKinds,
  db: Database,
  only: readonly string[],
  node?: string,
): Promise<EnqueueResult[]> {
  const known = only.filter((k) => kinds.has(k));
  if (!known.length) return [];
  return db.transaction(async (tx) => {
    const due = await tx
      .select({
        name: t.name,
        kind: t.kind,
        payload: t.payload,
        targetNode: t.targetNodeId,
        // The slot is the time it fell due, in whole milliseconds (what a Date and the key can hold).
        slotMs: sql<string>`floor(extract(epoch from ${t.nextRunAt}) * 1000)::bigint::text`,
      })
      .from(t)
      .where(
        and(
          inArray(t.kind, known),
          sql`${t.nextRunAt} <= now()`,
          node ? or(isNull(t.targetNodeId), eq(t.targetNodeId, node)) : isNull(t.targetNodeId),
        ),
      )
      .for("update", { skipLocked: true });
    const created: EnqueueResult[] = [];
    for (const s of due) {
      // A payload today's catalog refuses (a worker of another version wrote it) stays due, untouched,
      // until a worker's ensureSchedule rewrites it; the other schedules still run.
      if (!kinds.get(s.kind)?.payload.safeParse(s.payload).success) continue;
      // The next slot is the first one after now on the schedule's grid.
      await tx
        .update(t)
        .set({
          nextRunAt: sql`${t.nextRunAt} + ${t.intervalSeconds} * (floor(extract(epoch from now() - ${t.nextRunAt}) / ${t.intervalSeconds}) + 1) * interval '1 second'`,
          lastEnqueuedAt: sql`now()`,
          updatedAt: sql`now()`,
        })
        .where(eq(t.name, s.name));
      const slot = new Date(Number(s.slotMs)).toISOString();
      const r = await enqueueJob(kinds, { db: tx, inTransaction: true }, s.kind, s.payload, {
        idempotencyKey: `schedule:${s.name}:${slot}`,
        targetNode: s.targetNode ?? undefined,
      });
      if (r.created) created.push(r);
    }
    return created;
  });
}
