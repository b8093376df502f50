import { type Executor, sql, tables } from "@infera/db";
import type { ScheduleSpec } from "../ports/job-queue.js";
import { invalid } from "../shared/errors.js";
import { type JobKinds, parseJobPayload } from "./job-kinds.js";

const t = tables.workSchedules;

/**
 * Creates or updates a recurring job; run by every worker at start, so the schedule follows the
 * configuration of the workers that run it. An existing schedule keeps its next time (a restart does
 * not push it back), brought forward when the interval shrank or when `dueNow` asks for a run now.
 */
export async function ensureSchedule(kinds: JobKinds, db: Executor, spec: ScheduleSpec): Promise<void> {
  if (!/^[a-z0-9_.:-]{1,200}$/.test(spec.name))
    throw invalid("a schedule name is 1 to 200 lower-case letters, digits and _ . : -");
  if (!Number.isInteger(spec.intervalSeconds) || spec.intervalSeconds < 1)
    throw invalid("a schedule's interval is a whole number of seconds, at least 1");
  if (spec.perNode && !spec.targetNode)
    throw invalid(`schedule ${spec.name} runs on every node: ensure it once per node, with targetNode`);
  const payload = parseJobPayload(kinds, spec.kind, spec.payload);
  const first = spec.dueNow ? sql`now()` : sql`now() + ${spec.intervalSeconds} * interval '1 second'`;
  await db
    .insert(t)
    .values({
      name: spec.name,
      kind: spec.kind,
      payload,
      intervalSeconds: spec.intervalSeconds,
      targetNodeId: spec.targetNode ?? null,
      nextRunAt: first,
    })
    .onConflictDoUpdate({
      target: t.name,
      set: {
        kind: sql`excluded.kind`,
        payload: sql`excluded.payload`,
        intervalSeconds: sql`excluded.interval_seconds`,
        targetNodeId: sql`excluded.target_node_id`,
        nextRunAt: spec.dueNow
          ? sql`least(${t.nextRunAt}, now())`
          : sql`least(${t.nextRunAt}, now() + excluded.interval_seconds * interval '1 second')`,
        updatedAt: sql`now()`,
      },
    });
}
