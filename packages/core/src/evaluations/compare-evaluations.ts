import type {
  EvaluationComparison,
  EvaluationSummary,
  EvaluationTarget,
  MetricConfig,
  MetricSummary,
} from "@infera/contracts";
import { and, eq, inArray, sql, tables } from "@infera/db";
import { authorize } from "../authz/authorize.js";
import type { ServiceContext } from "../shared/context.js";
import { invalid, notFound } from "../shared/errors.js";
import { meanInterval, pairedDeltaInterval, seededRandom } from "./metrics/bootstrap.js";

const MAX_RUNS = 10;
const RESAMPLES = 1000;

/** Difference of means (`b − a`) of two independent samples, each resampled on its own. */
export function unpairedDeltaInterval(
  a: readonly number[],
  b: readonly number[],
  opts: { seed: number; resamples?: number },
): { delta: number; ci_low: number; ci_high: number } {
  const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const resamples = opts.resamples ?? RESAMPLES;
  const random = seededRandom(opts.seed);
  const resampledMean = (xs: readonly number[]) => {
    let sum = 0;
    for (let i = 0; i < xs.length; i++) sum += xs[Math.floor(random() * xs.length)]!;
    return sum / xs.length;
  };
  const stats: number[] = [];
  for (let r = 0; r < resamples; r++) stats.push(resampledMean(b) - resampledMean(a));
  stats.sort((x, y) => x - y);
  const at = (q: number) => stats[Math.min(resamples - 1, Math.max(0, Math.floor(q * resamples)))]!;
  return { delta: mean(b) - mean(a), ci_low: at(0.025), ci_high: at(0.975) };
}

/**
 * Metric values of runs of one project, and each run's delta against the first. When a run shares
 * the first run's dataset version, the samples with the same index are paired (the interval of the
 * mean paired difference — much tighter on the same prompts); otherwise the difference of means with
 * each side bootstrapped on its own. Scores are target `a`'s (the evaluated side).
 */
export async function compareEvaluations({
  ctx,
  projectId,
  runIds,
}: {
  ctx: ServiceContext;
  projectId: string;
  runIds: string[];
}): Promise<EvaluationComparison> {
  await authorize(ctx, "evaluation.read", { projectId });
  const ids = [...new Set(runIds.map((id) => id.trim()).filter(Boolean))];
  if (ids.length < 2 || ids.length > MAX_RUNS)
    throw invalid(`ids names 2 to ${MAX_RUNS} distinct runs, comma-separated`, {
      field: "ids",
    });
  const r = tables.evaluationRuns;
  const rows = await ctx.db
    .select()
    .from(r)
    .where(and(inArray(r.id, ids), eq(r.projectId, projectId)));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const missing = ids.find((id) => !byId.has(id));
  if (missing) throw notFound(`evaluation run ${missing}`);
  const runs = ids.map((id) => byId.get(id)!);
  const first = runs[0]!;
  const seed = typeof first.config.seed === "number" ? first.config.seed : 42;
  const summaries = runs.map((run) => (run.summary as EvaluationSummary | null)?.metrics.a ?? {});
  // The metrics any run summarized or was asked for (a run still running has no summary yet).
  const configured = runs.flatMap((run) =>
    ((run.config.metrics as MetricConfig[] | undefined) ?? []).map((m) => m.name as string),
  );
  const metricNames = [...new Set([...summaries.flatMap((m) => Object.keys(m)), ...configured])];

  const s = tables.evaluationSamples;
  const scoresOf = async (runId: string, metric: string) => {
    const found = await ctx.db
      .select({ index: s.index, score: sql<string | number>`(${s.scores} ->> ${metric})::float8` })
      .from(s)
      .where(and(eq(s.runId, runId), eq(s.target, "a"), sql`${s.scores} ? ${metric}`));
    return new Map(found.map((f) => [f.index, Number(f.score)]));
  };

  const metrics: EvaluationComparison["metrics"] = [];
  for (const metric of metricNames) {
    const perRun = await Promise.all(runs.map((run) => scoresOf(run.id, metric)));
    const values: MetricSummary[] = runs.map((_, i) => {
      const stored = summaries[i]![metric];
      if (stored) return stored;
      const xs = [...perRun[i]!.values()];
      return meanInterval(xs, { seed, resamples: RESAMPLES });
    });
    const base = perRun[0]!;
    const deltas = runs.map((run, i) => {
      if (i === 0) return null;
      const other = perRun[i]!;
      const shared = first.datasetVersionId !== null && run.datasetVersionId === first.datasetVersionId;
      if (shared) {
        const common = [...other.keys()].filter((k) => base.has(k)).sort((x, y) => x - y);
        if (common.length > 0) {
          const iv = pairedDeltaInterval(
            common.map((k) => other.get(k)!),
            common.map((k) => base.get(k)!),
            { seed, resamples: RESAMPLES },
          );
          return { delta: iv.value!, ci_low: iv.ci_low!, ci_high: iv.ci_high!, paired: true };
        }
      }
      if (base.size === 0 || other.size === 0) return null;
      return { ...unpairedDeltaInterval([...base.values()], [...other.values()], { seed }), paired: false };
    });
    metrics.push({ metric, values, deltas });
  }
  return {
    runs: runs.map((run) => ({
      id: run.id,
      label:
        run.name ??
        (run.targets as unknown as EvaluationTarget[]).find((t) => t.key === "a")?.label ??
        run.id,
    })),
    metrics,
  };
}
