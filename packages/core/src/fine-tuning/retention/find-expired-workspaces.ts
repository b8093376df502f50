import { and, asc, eq, inArray, isNotNull, isNull, sql, tables } from "@infera/db";
import { defaultPolicies } from "../../policies/to-policies.js";
import type { ServiceContext } from "../../shared/context.js";

/**
 * Finished jobs whose project's retention (`fine_tuning_retention_days`, default 7) has run out and
 * whose workspace is still kept, oldest first: what the retention sweep removes next.
 */
export async function findExpiredWorkspaces(ctx: ServiceContext, limit: number): Promise<string[]> {
  const j = tables.fineTuneJobs;
  const p = tables.projectPolicies;
  const days = sql`coalesce(${p.fineTuningRetentionDays}, ${defaultPolicies.fineTuningRetentionDays})`;
  const rows = await ctx.db
    .select({ id: j.id })
    .from(j)
    .leftJoin(p, eq(p.projectId, j.projectId))
    .where(
      and(
        isNull(j.workspaceRemovedAt),
        isNotNull(j.finishedAt),
        inArray(j.status, ["succeeded", "failed", "canceled"]),
        sql`${j.finishedAt} < ${ctx.now().toISOString()}::timestamptz - make_interval(days => ${days})`,
      ),
    )
    .orderBy(asc(j.finishedAt), asc(j.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Of these ids, the jobs that exist (a workspace folder of any other is a deleted job's leftover). */
export async function existingJobIds(ctx: ServiceContext, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const j = tables.fineTuneJobs;
  const rows = await ctx.db
    .select({ id: j.id })
    .from(j)
    .where(inArray(j.id, [...ids]));
  return new Set(rows.map((r) => r.id));
}
