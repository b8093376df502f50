import {
  type EvaluationSample,
  type EvaluationSampleQuery,
  type MetricConfig,
  type MetricName,
  metricDirection,
  type RegressionCheckFailure,
  type RegressionSampleResult,
} from "@infera/contracts";
import { and, type SQL, sql, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { invalid } from "../shared/errors.js";
import { decodeCursor, encodeCursor, type Page } from "../shared/pagination.js";
import { authorizeEvaluationRun, type EvaluationRunRow } from "./evaluation-access.js";

type SampleRow = typeof tables.evaluationSamples.$inferSelect;

/** What Finance sees of content: the shape, not the text. */
export const MASKED = "••••";

export function toEvaluationSample(r: SampleRow, masked: boolean): EvaluationSample {
  return {
    index: r.index,
    target: r.target,
    input: masked ? MASKED : (r.input as EvaluationSample["input"]),
    reference: masked && r.reference !== null ? MASKED : r.reference,
    output: masked && r.output !== null ? MASKED : r.output,
    scores: r.scores,
    judge_reason: masked && r.judgeReason !== null ? MASKED : r.judgeReason,
    slice: r.slice,
    latency_ms: r.latencyMs,
    prompt_tokens: r.promptTokens,
    completion_tokens: r.completionTokens,
    reference_tokens: r.referenceTokens,
    error: r.error,
    regression: r.regression
      ? maskRegression(r.regression as unknown as RegressionSampleResult, masked)
      : null,
  };
}

/** A failed check's reason quotes the answer: masked like the answer. */
function maskRegression(r: RegressionSampleResult, masked: boolean): RegressionSampleResult {
  if (!masked) return r;
  return {
    ...r,
    checks: r.checks.map((c) => ({
      ...c,
      reason: c.reason === null ? null : MASKED,
      ...(c.failure ? { failure: maskCheckFailure(c.failure) } : {}),
    })),
  };
}

/** A failed check's parts as Finance reads them: how it failed stays, its texts are masked. */
export function maskCheckFailure(f: RegressionCheckFailure): RegressionCheckFailure {
  const mask = (v: string | null) => (v === null ? null : MASKED);
  return { code: f.code, expected: mask(f.expected), got: mask(f.got), detail: mask(f.detail) };
}

/** The metric "worst first" sorts by: the one asked, else the run's first metric. */
export function defaultMetric(run: EvaluationRunRow): MetricName {
  const metrics = (run.config.metrics as MetricConfig[] | undefined) ?? [];
  return metrics[0]?.name ?? "exact_match";
}

/**
 * A run's samples. `worst` (the default) puts the lowest score of the metric first (the highest for
 * a lower-is-better metric such as latency), samples without that score last; `index` is dataset
 * order. Keyset pagination over (score, target, index). Finance sees content masked.
 */
export async function listEvaluationSamples({
  ctx,
  runId,
  query,
}: {
  ctx: ServiceContext;
  runId: string;
  query: EvaluationSampleQuery;
}): Promise<Page<EvaluationSample> & { masked: boolean }> {
  const { run, access } = await authorizeEvaluationRun(ctx, "evaluation.read", runId);
  const masked = access.decision.masked === true;
  const s = tables.evaluationSamples;
  const where: SQL[] = [sql`${s.runId} = ${run.id}`];
  if (query.target) where.push(sql`${s.target} = ${query.target}`);
  if (query.slice !== undefined) where.push(sql`${s.slice} = ${query.slice}`);
  const metric = query.metric ?? defaultMetric(run);
  const rule = query.gate_rule_id;
  if (rule !== undefined) where.push(sql`${s.regression} ->> 'rule_id' = ${rule}`);
  // A regression prompt fails by its checks; a dataset sample by a 0 of the metric.
  const [failedSql, passedSql] =
    rule !== undefined
      ? [sql`(${s.regression} ->> 'passed') = 'false'`, sql`(${s.regression} ->> 'passed') = 'true'`]
      : [
          sql`(${s.error} is not null or (${s.scores} ->> ${metric})::float8 = 0)`,
          sql`(${s.error} is null and coalesce((${s.scores} ->> ${metric})::float8, 1) <> 0)`,
        ];
  if (query.failed === "true") where.push(failedSql);
  if (query.failed === "false") where.push(passedSql);
  // Sort key: a number, ascending = worst first. Lower-is-better metrics are negated; a sample
  // without the score sorts after every scored one; failed regression prompts come first.
  const sign = metricDirection[metric] === "lower" ? -1 : 1;
  const key =
    query.order === "index"
      ? sql`0::float8`
      : rule !== undefined
        ? sql`(case when (${s.regression} ->> 'passed') = 'false' then 0 else 1 end)::float8`
        : sql`coalesce(${sign}::float8 * (${s.scores} ->> ${metric})::float8, 'Infinity'::float8)`;
  const cursor = decodeCursor(query.cursor);
  if (cursor) {
    const [idx, target] = cursor.id.split(":");
    const value = typeof cursor.value === "number" ? cursor.value : Number(cursor.value);
    if (!Number.isFinite(value) && cursor.value !== "Infinity")
      throw invalid("cursor is not valid; start again without it");
    if (!/^\d+$/.test(idx ?? "") || (target !== "a" && target !== "b"))
      throw invalid("cursor is not valid; start again without it");
    where.push(
      sql`(${key}, ${s.index}, ${s.target}) > (${String(cursor.value)}::float8, ${Number(idx)}::int, ${target})`,
    );
  }
  const rows = await ctx.db
    .select({ row: s, key: sql<number | string>`${key}` })
    .from(s)
    .where(and(...where))
    .orderBy(sql`${key} asc`, sql`${s.index} asc`, sql`${s.target} asc`)
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  const lastKey = last ? Number(last.key) : 0;
  return {
    data: page.map((r) => toEvaluationSample(r.row, masked)),
    next_cursor:
      more && last
        ? encodeCursor(
            Number.isFinite(lastKey) ? lastKey : "Infinity",
            `${last.row.index}:${last.row.target}`,
          )
        : null,
    masked,
  };
}
