import { and, eq, isNull, ne, or, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";

/** Why a pending revision still waits, in the replica manager's words (no traffic, node full); written only when it changed. */
export async function noteRevisionWait({
  ctx,
  revisionId,
  waitReason,
}: {
  ctx: ServiceContext;
  revisionId: string;
  waitReason: string;
}): Promise<void> {
  const r = tables.serviceRevisions;
  await ctx.db
    .update(r)
    .set({ waitReason })
    .where(
      and(
        eq(r.id, revisionId),
        eq(r.currentState, "pending"),
        or(isNull(r.waitReason), ne(r.waitReason, waitReason)),
      ),
    );
}
