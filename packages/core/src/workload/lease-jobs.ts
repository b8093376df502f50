import { and, asc, type Database, type Executor, eq, inArray, isNull, lt, or, sql, tables } from "@infera/db";
import type { LeasedJob } from "../ports/job-queue.js";
import type { DeadLetterHooks } from "./dead-letter-hooks.js";

const t = tables.workItems;
const now = sql`now()`;

/**
 * Takes up to `limit` due items of `kinds` for `owner`, one new attempt each. `FOR UPDATE SKIP LOCKED`
 * lets many workers ask at once without waiting on each other or taking the same row; an item whose
 * lease expired (its worker died or stalled) is taken again like a queued one. An expired item with no
 * attempts left becomes dead first, so a job that kills its worker every time stops being retried
 * (with its kind's dead-letter hook, in the same transaction).
 * An item targeted at a node (a training run placed on its capacity) is taken only by a worker of
 * that node; a worker without a node takes untargeted items only.
 */
export async function leaseJobs(
  db: Database,
  hooks: DeadLetterHooks,
  owner: string,
  kinds: readonly string[],
  limit: number,
  node?: string,
): Promise<LeasedJob[]> {
  if (!kinds.length || limit < 1) return [];
  const mine = node ? or(isNull(t.targetNode), eq(t.targetNode, node)) : isNull(t.targetNode);
  const ofKinds = and(inArray(t.kind, [...kinds]), mine);
  const expired = and(sql`${t.status} = 'leased'`, lt(t.leaseExpiresAt, now));

  const buryExhausted = async (tx: Executor) => {
    const exhausted = tx
      .select({ id: t.id })
      .from(t)
      .where(and(ofKinds, expired, sql`${t.attempts} >= ${t.maxAttempts}`))
      .limit(100)
      .for("update", { skipLocked: true });
    const dead = await tx
      .update(t)
      .set({
        status: "dead",
        lastError: sql`'lease of attempt ' || ${t.attempts} || ' (' || coalesce(${t.leaseOwner}, '?') || ') expired without a heartbeat: no attempts left' || coalesce(E'\\nprevious error: ' || ${t.lastError}, '')`,
        leaseOwner: null,
        leaseExpiresAt: null,
        finishedAt: now,
        updatedAt: now,
      })
      .where(inArray(t.id, exhausted))
      .returning({
        id: t.id,
        kind: t.kind,
        payload: t.payload,
        attempts: t.attempts,
        lastError: t.lastError,
      });
    for (const item of dead) await hooks.get(item.kind)?.(tx, item);
  };
  // A transaction only where a dead letter has a hook to run with it.
  if (kinds.some((k) => hooks.has(k))) await db.transaction(buryExhausted);
  else await buryExhausted(db);

  const due = db
    .select({ id: t.id })
    .from(t)
    .where(and(ofKinds, or(and(sql`${t.status} = 'queued'`, sql`${t.runAfter} <= now()`), expired)))
    .orderBy(sql`${t.priority} DESC NULLS LAST`, asc(t.runAfter), asc(t.id))
    .limit(limit)
    .for("update", { skipLocked: true });
  const rows = await db
    .update(t)
    .set({
      status: "leased",
      attempts: sql`${t.attempts} + 1`,
      leaseOwner: owner,
      leaseExpiresAt: sql`now() + ${t.leaseSeconds} * interval '1 second'`,
      updatedAt: now,
    })
    .where(inArray(t.id, due))
    .returning();
  // RETURNING comes in no particular order: hand them out as the queue ordered them.
  rows.sort((a, b) => b.priority - a.priority || +a.runAfter - +b.runAfter || (a.id < b.id ? -1 : 1));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    owner,
    attempt: r.attempts,
    payload: r.payload,
    maxAttempts: r.maxAttempts,
    leaseSeconds: r.leaseSeconds,
    lastError: r.lastError,
  }));
}
