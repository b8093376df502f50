import type { ListQuery, SampleRating } from "@infera/contracts";
import { and, eq, type SQL, tables } from "@infera/db";
import type { ServiceContext } from "../../shared/context.js";
import { keyset, type Page } from "../../shared/pagination.js";
import { authorizeRatedRun, requireSideBySide } from "./rated-run-access.js";
import { toSampleRating } from "./to-sample-rating.js";

/** A side-by-side run's ratings in prompt order (then rater), optionally of one prompt. */
export async function listEvaluationRatings({
  ctx,
  runId,
  query,
}: {
  ctx: ServiceContext;
  runId: string;
  query: Pick<ListQuery, "limit" | "cursor"> & { index?: number };
}): Promise<Page<SampleRating>> {
  const { run, access } = await authorizeRatedRun(ctx, "evaluation.read", runId);
  requireSideBySide(run, "ratings belong to");
  const r = tables.evaluationRatings;
  const where: SQL[] = [eq(r.runId, run.id)];
  if (query.index !== undefined) where.push(eq(r.index, query.index));
  const ks = keyset(query, {
    key: r.index,
    id: r.raterId,
    type: "int",
    direction: "asc",
    cursorOf: (row: typeof r.$inferSelect) => [row.index, row.raterId],
  });
  const rows = await ctx.db
    .select()
    .from(r)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  const masked = access.decision.masked === true;
  return ks.page(rows, (row) => toSampleRating(row, masked));
}
