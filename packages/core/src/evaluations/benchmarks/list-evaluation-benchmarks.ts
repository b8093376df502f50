import type { EvaluationBenchmark, EvaluationBenchmarkListQuery } from "@infera/contracts";
import { and, type SQL, sql, tables } from "@infera/db";
import { authorize } from "../../authz/authorize.js";
import type { ServiceContext } from "../../shared/context.js";
import { keyset, type Page, parseSort } from "../../shared/pagination.js";
import { type BenchmarkRow, toEvaluationBenchmark } from "./benchmark-access.js";

const SORTS = ["created_at", "updated_at", "name"] as const;

/**
 * The project's benchmarks, newest first (or by `sort`); `q` finds a part of the name or description,
 * or the id; `dataset_id` those reading one dataset.
 */
export async function listEvaluationBenchmarks({
  ctx,
  projectId,
  query,
}: {
  ctx: ServiceContext;
  projectId: string;
  query: EvaluationBenchmarkListQuery;
}): Promise<Page<EvaluationBenchmark>> {
  await authorize(ctx, "evaluation.benchmark.list", { projectId });
  const b = tables.evaluationBenchmarks;
  const where: SQL[] = [sql`${b.projectId} = ${projectId}`];
  if (query.q) {
    const pattern = `%${query.q.replace(/[%_\\]/g, "\\$&")}%`;
    where.push(
      sql`(${b.name} ILIKE ${pattern} OR ${b.description} ILIKE ${pattern} OR ${b.id} = ${query.q})`,
    );
  }
  if (query.dataset_id) where.push(sql`${b.datasetId} = ${query.dataset_id}`);
  const sort = parseSort(query.sort, SORTS, { field: "created_at", direction: "desc" });
  const ks = keyset(query, {
    key:
      sort.field === "name" ? sql`lower(${b.name})` : sort.field === "updated_at" ? b.updatedAt : b.createdAt,
    id: b.id,
    type: sort.field === "name" ? "text" : "timestamp",
    direction: sort.direction,
    cursorOf: (r: BenchmarkRow) => [
      sort.field === "name" ? r.name.toLowerCase() : sort.field === "updated_at" ? r.updatedAt : r.createdAt,
      r.id,
    ],
  });
  const rows = await ctx.db
    .select()
    .from(b)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  return ks.page(rows, toEvaluationBenchmark);
}
