import { Readable } from "node:stream";
import type {
  EvaluationRun,
  EvaluationSample,
  MetricConfig,
  RegressionSampleResult,
} from "@infera/contracts";
import { and, asc, sql, tables } from "@infera/db";
import type { ServiceContext } from "../shared/context.js";
import { encodeCsv } from "../shared/csv.js";
import { authorizeEvaluationRun, toEvaluationRun } from "./evaluation-access.js";
import { toEvaluationSample } from "./list-evaluation-samples.js";
import { maskEvaluationRun } from "./mask-evaluation-run.js";

const PAGE = 500;

type SampleRow = typeof tables.evaluationSamples.$inferSelect;

export interface EvaluationExport {
  filename: string;
  contentType: string;
  /** Written while it is read: one page of samples in memory at a time. */
  body: Readable;
}

/** Every sample of the run in (target, index) order, a page at a time. */
async function* samplesOf(
  ctx: ServiceContext,
  runId: string,
  masked: boolean,
): AsyncGenerator<EvaluationSample> {
  const s = tables.evaluationSamples;
  let after: { target: string; index: number } | null = null;
  for (;;) {
    const rows: SampleRow[] = await ctx.db
      .select()
      .from(s)
      .where(
        and(
          sql`${s.runId} = ${runId}`,
          after ? sql`(${s.target}, ${s.index}) > (${after.target}, ${after.index}::int)` : undefined,
        ),
      )
      .orderBy(asc(s.target), asc(s.index))
      .limit(PAGE);
    for (const r of rows) yield toEvaluationSample(r, masked);
    if (rows.length < PAGE) return;
    const last: SampleRow = rows[rows.length - 1]!;
    after = { target: last.target, index: last.index };
  }
}

async function* jsonReport(
  run: EvaluationRun,
  samples: AsyncIterable<EvaluationSample>,
): AsyncGenerator<string> {
  const { summary, gate, ...rest } = run;
  let chunk = `{"run":${JSON.stringify(rest)},"summary":${JSON.stringify(summary)},"gate":${JSON.stringify(gate)},"samples":[`;
  let sep = "";
  let n = 0;
  for await (const sample of samples) {
    chunk += sep + JSON.stringify(sample);
    sep = ",";
    if (++n % PAGE === 0) {
      yield chunk;
      chunk = "";
    }
  }
  yield `${chunk}]}`;
}

const REGRESSION_COLUMNS = [
  "regression_rule_id",
  "regression_prompt_index",
  "regression_passed",
  "regression_failed_checks",
] as const;

/** "checks[1] exact: is …; checks[2] regex: …" — each failed check with its position and reason. */
function regressionCells(r: RegressionSampleResult) {
  return {
    regression_rule_id: r.rule_id,
    regression_prompt_index: r.prompt_index,
    regression_passed: r.passed,
    regression_failed_checks: r.checks
      .flatMap((c, i) => (c.passed ? [] : [`checks[${i}] ${c.kind}${c.reason ? `: ${c.reason}` : ""}`]))
      .join("; "),
  };
}

/**
 * The whole report: JSON (the run, its summary, its gate and every sample) or CSV (one row per
 * sample, a column per metric; a gate run adds its regression prompts' verdicts). Streams page by page, so a run of 100,000 samples never sits in
 * memory. Finance gets content masked, like the samples list.
 */
export async function exportEvaluation({
  ctx,
  runId,
  format,
}: {
  ctx: ServiceContext;
  runId: string;
  format: "json" | "csv";
}): Promise<EvaluationExport> {
  const { run: row, access } = await authorizeEvaluationRun(ctx, "evaluation.read", runId);
  const masked = access.decision.masked === true;
  const plain = toEvaluationRun(row, ctx.now());
  const run = masked ? maskEvaluationRun(plain) : plain;
  const samples = samplesOf(ctx, run.id, masked);
  if (format === "json")
    return {
      filename: `${run.id}.json`,
      contentType: "application/json; charset=utf-8",
      body: Readable.from(jsonReport(run, samples)),
    };
  const metrics = [...new Set(((row.config.metrics as MetricConfig[] | undefined) ?? []).map((m) => m.name))];
  const columns = [
    "index",
    "target",
    "slice",
    "input",
    "reference",
    "output",
    "error",
    "latency_ms",
    "prompt_tokens",
    "completion_tokens",
    "reference_tokens",
    ...metrics,
    // A gate run's regression prompts are rows too (indices from REGRESSION_INDEX_BASE): their rule,
    // position in it, verdict and the checks that failed, so a spreadsheet shows why a prompt failed.
    ...(row.kind === "gate" ? REGRESSION_COLUMNS : []),
  ];
  async function* rows() {
    for await (const s of samples) {
      const { scores, judge_reason: _reason, regression, ...rest } = s;
      yield {
        ...rest,
        ...Object.fromEntries(metrics.map((m) => [m, scores[m] ?? null])),
        ...(regression ? regressionCells(regression) : {}),
      };
    }
  }
  return {
    filename: `${run.id}.csv`,
    contentType: "text/csv; charset=utf-8",
    body: encodeCsv(rows(), columns),
  };
}
