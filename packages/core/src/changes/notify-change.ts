import { sql } from "@infera/db";
import type { TxContext } from "../shared/transaction.js";

/**
 * Tells the followers of `channel` (ChangeFeed) to look again, once the caller's transaction commits:
 * PostgreSQL delivers a NOTIFY sent inside a transaction only on commit, never on rollback. The
 * payload is a hint (an id to filter on), at most 8000 bytes, never the data itself.
 */
export async function notifyChange(tx: TxContext, channel: string, payload: string): Promise<void> {
  await tx.db.execute(sql`select pg_notify(${channel}, ${payload})`);
}
