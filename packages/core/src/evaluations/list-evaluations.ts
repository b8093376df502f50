import type { EvaluationListQuery, EvaluationRun } from "@infera/contracts";
import { and, type SQL, sql, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import { decide } from "../authz/decide.js";
import { permissionMatrix } from "../authz/permission-matrix.js";
import type { ServiceContext } from "../shared/context.js";
import { keyset, type Page, parseSort } from "../shared/pagination.js";
import { type EvaluationRunRow, toEvaluationRun } from "./evaluation-access.js";
import { maskEvaluationRun } from "./mask-evaluation-run.js";

const SORTS = ["created_at"] as const;

/** A project's evaluation runs, newest first, by kind, status, evaluated model version, benchmark and gate verdict. */
export async function listEvaluations({
  ctx,
  projectId,
  query,
}: {
  ctx: ServiceContext;
  projectId: string;
  query: EvaluationListQuery;
}): Promise<Page<EvaluationRun>> {
  const access = await authorize(ctx, "evaluation.list", { projectId });
  // A listed run carries its gate, failing prompts included: masked for whoever reads a run masked.
  const masked = decide(permissionMatrix["evaluation.read"], access.subject).masked === true;
  const r = tables.evaluationRuns;
  const where: SQL[] = [sql`${r.projectId} = ${projectId}`];
  if (query.kind) where.push(sql`${r.kind} = ${query.kind}`);
  if (query.status) where.push(sql`${r.status} = ${query.status}`);
  if (query.model_version_id) where.push(sql`${r.modelVersionId} = ${query.model_version_id}`);
  if (query.benchmark_id) where.push(sql`${r.benchmarkId} = ${query.benchmark_id}`);
  if (query.gate) where.push(sql`${r.gatePassed} = ${query.gate === "passed"}`);
  const sort = parseSort(query.sort, SORTS, { field: "created_at", direction: "desc" });
  const ks = keyset(query, {
    key: r.createdAt,
    id: r.id,
    type: "timestamp",
    direction: sort.direction,
    cursorOf: (row: EvaluationRunRow) => [row.createdAt, row.id],
  });
  const rows = await ctx.db
    .select()
    .from(r)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.limit);
  const now = ctx.now();
  return ks.page(rows, (row) =>
    masked ? maskEvaluationRun(toEvaluationRun(row, now)) : toEvaluationRun(row, now),
  );
}
