import { and, type Executor, eq, inArray, like, sql, tables } from "@infera/db";

const t = tables.workItems;

/** The owners holding leases now whose name starts with `prefix` (one machine's workers). */
export async function leaseOwners(db: Executor, prefix: string): Promise<string[]> {
  const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await db
    .selectDistinct({ owner: t.leaseOwner })
    .from(t)
    .where(and(eq(t.status, "leased"), like(t.leaseOwner, `${escaped}%`)));
  return rows.map((r) => r.owner!).filter(Boolean);
}

/**
 * Ends these owners' leases now, as if they had run out: for owners known to be dead (their process
 * is gone), so a restarted worker takes their items over at once instead of a lease time later. The
 * attempt still counts, as an expired one does.
 */
export async function expireLeases(db: Executor, owners: readonly string[]): Promise<number> {
  if (!owners.length) return 0;
  const rows = await db
    .update(t)
    .set({ leaseExpiresAt: sql`now() - interval '1 millisecond'` })
    .where(and(eq(t.status, "leased"), inArray(t.leaseOwner, [...owners])))
    .returning({ id: t.id });
  return rows.length;
}
