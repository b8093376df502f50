import { and, eq, inArray, sql, tables } from "@infera/db";
import type { EnqueueOptions, EnqueueResult, InTransaction } from "../ports/job-queue.js";
import { invalid } from "../shared/errors.js";
import { newId } from "../shared/ids.js";
import { rawRows } from "../shared/raw-rows.js";
import { type JobKinds, jobKindOf, parseJobPayload } from "./job-kinds.js";

const t = tables.workItems;

/** The change feed channel an enqueue notifies (payload: the kind), so idle workers wake at once. */
export const WORK_ITEMS_CHANNEL = "work_items";

/** One item of `enqueueJobs`: its payload and options, as `enqueue` takes them. */
export interface NewWorkItem {
  payload: unknown;
  opts?: EnqueueOptions;
}

/**
 * Adds a work item inside the caller's transaction: it becomes visible to workers exactly when the
 * caller's change (and its audit event) commits, and vanishes with it on a rollback. With an
 * idempotency key, a second enqueue of the same kind and key returns the first item.
 */
export async function enqueueJob(
  kinds: JobKinds,
  tx: InTransaction,
  kind: string,
  payload: unknown,
  opts: EnqueueOptions = {},
): Promise<EnqueueResult> {
  const [result] = await enqueueJobs(kinds, tx, kind, [{ payload, opts }]);
  return result!;
}

/**
 * Adds many items of one kind as `enqueueJob` adds one — and it is `enqueueJob`'s only
 * implementation: every payload and option checked first (nothing is written if one is wrong), one
 * insert, and one `pg_notify` however many items are due now, so a pass placing a thousand jobs
 * wakes the workers once. Results come in the order given; an item whose key was taken (before, or
 * by an earlier item of the same call) gets the first item's id with `created: false`.
 */
export async function enqueueJobs(
  kinds: JobKinds,
  tx: InTransaction,
  kind: string,
  items: readonly NewWorkItem[],
): Promise<EnqueueResult[]> {
  if (!items.length) return [];
  const def = jobKindOf(kinds, kind);
  const rows = items.map(({ payload, opts = {} }) => {
    const parsed = parseJobPayload(kinds, kind, payload);
    const delay = opts.delaySeconds ?? 0;
    if (!(delay >= 0 && delay <= 366 * 86_400)) throw invalid("delaySeconds must be from 0 to a year");
    const priority = opts.priority ?? 0;
    if (!Number.isInteger(priority) || Math.abs(priority) > 1_000_000)
      throw invalid("priority must be a whole number from -1,000,000 to 1,000,000");
    const key = opts.idempotencyKey;
    if (key !== undefined && (key.length === 0 || key.length > 500))
      throw invalid("an idempotency key is 1 to 500 characters");
    return {
      id: newId("workItem"),
      payload: parsed,
      priority,
      delay,
      idempotency_key: key ?? null,
      target_node: opts.targetNode ?? null,
    };
  });
  // One statement and one parameter however many items: the rows travel as a JSON array (a
  // thousand rows of bound parameters cost more to build and parse than to insert).
  const inserted = rawRows<{ id: string }>(
    await tx.db.execute(sql`
      insert into work_items (id, kind, payload, priority, run_after, max_attempts, lease_seconds,
        idempotency_key, target_node)
      select v.id, ${kind}, v.payload, v.priority, now() + v.delay * interval '1 second',
        ${def.retry.maxAttempts}::int, ${def.leaseSeconds}::real, v.idempotency_key, v.target_node
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as v(id text, payload jsonb, priority int, delay float8, idempotency_key text, target_node text)
      on conflict (kind, idempotency_key) where idempotency_key is not null do nothing
      returning id`),
  );
  const created = new Set(inserted.map((r) => r.id));
  // Idle workers wake on commit instead of at their next poll (LISTEN is best effort: the poll stays).
  if (rows.some((r) => created.has(r.id) && r.delay === 0))
    await tx.db.execute(sql`select pg_notify(${WORK_ITEMS_CHANNEL}, ${kind})`);
  // Only a key can conflict: the item enqueued first (committed, or by this same transaction).
  const taken = rows.filter((r) => !created.has(r.id)).map((r) => r.idempotency_key ?? "");
  const existing = new Map<string, string>();
  if (taken.length) {
    const found = await tx.db
      .select({ id: t.id, key: t.idempotencyKey })
      .from(t)
      .where(and(eq(t.kind, kind), inArray(t.idempotencyKey, [...new Set(taken)])));
    for (const f of found) existing.set(f.key!, f.id);
  }
  return rows.map((r) => {
    if (created.has(r.id)) return { id: r.id, created: true };
    const id = existing.get(r.idempotency_key ?? "");
    if (!id) throw new Error(`work item ${kind}/${r.idempotency_key} conflicted but cannot be read`);
    return { id, created: false };
  });
}
