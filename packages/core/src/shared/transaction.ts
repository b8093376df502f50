import { isSerializationFailure, type Transaction } from "@infera/db";
import type { ServiceContext } from "./context.js";

/**
 * A context inside a transaction: its `db` is the transaction, so every verb helper it is handed
 * (authorize, recordAudit…) reads and writes in it. Writing an audit event needs one.
 */
export interface TxContext extends ServiceContext {
  db: Transaction;
  readonly inTransaction: true;
}

function isTxContext(ctx: ServiceContext): ctx is TxContext {
  return (ctx as Partial<TxContext>).inTransaction === true;
}

/**
 * Runs `fn` in one transaction with a context carrying it; a write and its audit event commit
 * together or not at all. Called with a context already in a transaction, it reuses that one.
 */
export async function withTransaction<T>(ctx: ServiceContext, fn: (tx: TxContext) => Promise<T>): Promise<T> {
  if (isTxContext(ctx)) return fn(ctx);
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.db.transaction((db) => fn({ ...ctx, db, inTransaction: true }));
    } catch (err) {
      // A deadlock between two writers is retried a few times rather than shown to the user.
      if (attempt < 3 && isSerializationFailure(err)) continue;
      throw err;
    }
  }
}

export type { Transaction };
