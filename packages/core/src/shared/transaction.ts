import { isSerializationFailure, type Transaction } from "@infera/db";
import type { ServiceContext } from "./context.js";

/** Runs `fn` in one transaction; a write and its audit event commit together or not at all. */
export async function withTransaction<T>(
  ctx: ServiceContext,
  fn: (tx: Transaction) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.db.transaction(fn);
    } catch (err) {
      // A deadlock between two writers is retried a few times rather than shown to the user.
      if (attempt < 3 && isSerializationFailure(err)) continue;
      throw err;
    }
  }
}

export type { Transaction };
