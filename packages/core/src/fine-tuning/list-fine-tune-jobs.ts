import type { FineTuneJob, FineTuneJobListQuery, ListQuery } from "@infera/contracts";
import { and, type SQL, sql, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { invalid } from "../shared/errors.js";
import { keyset, type Page, parseSort } from "../shared/pagination.js";
import { actorIdOf, type JobRow, ownJobsFilter } from "./job-access.js";
import { withQueueEstimates } from "./scheduling/with-queue-estimates.js";
import { toFineTuneJob } from "./to-fine-tune-job.js";

const SORTS = ["created_at"] as const;

/**
 * A project's jobs, newest first, filtered by status, method, creator (`me` for the caller) and
 * creation time; `q` matches the name or an id. Under FR54's policy a Developer or Viewer sees only
 * their own.
 */
export async function listFineTuneJobs({
  ctx,
  projectId,
  query,
}: {
  ctx: ServiceContext;
  projectId: string;
  query: ListQuery & FineTuneJobListQuery;
}): Promise<Page<FineTuneJob>> {
  const access = await authorize(ctx, "fine_tuning.job.list", { projectId });
  const j = tables.fineTuneJobs;
  const where: SQL[] = [sql`${j.projectId} = ${projectId}`];
  const own = await ownJobsFilter(ctx, access);
  if (own !== null) where.push(sql`${j.createdBy} = ${own}`);
  if (query.status) where.push(sql`${j.status} = ${query.status}`);
  if (query.method) where.push(sql`${j.method} = ${query.method}`);
  if (query.created_by) {
    const creator = query.created_by === "me" ? (actorIdOf(ctx) ?? "") : query.created_by;
    where.push(sql`${j.createdBy} = ${creator}`);
  }
  const after = query.created_after ? new Date(query.created_after) : null;
  const before = query.created_before ? new Date(query.created_before) : null;
  if (after && before && after >= before) throw invalid("created_after must be before created_before");
  if (after) where.push(sql`${j.createdAt} >= ${after.toISOString()}::timestamptz`);
  if (before) where.push(sql`${j.createdAt} < ${before.toISOString()}::timestamptz`);
  if (query.q) {
    const pattern = `%${query.q.replace(/[%_\\]/g, "\\$&")}%`;
    where.push(
      sql`(${j.name} ILIKE ${pattern} OR ${j.id} = ${query.q} OR ${j.baseModelVersionId} = ${query.q} OR ${j.datasetVersionId} = ${query.q})`,
    );
  }
  const sort = parseSort(query.sort, SORTS, { field: "created_at", direction: "desc" });
  const ks = keyset(query, {
    key: j.createdAt,
    id: j.id,
    type: "timestamp",
    direction: sort.direction,
    cursorOf: (r: JobRow) => [r.createdAt, r.id],
  });
  const rows = await ctx.db
    .select()
    .from(j)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  const page = ks.page(rows, toFineTuneJob);
  return { ...page, data: await withQueueEstimates(ctx, page.data) };
}
