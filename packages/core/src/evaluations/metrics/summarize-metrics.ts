import type { MetricConfig, MetricSummary } from "@infera/contracts";
import { BLEU_STATS_WIDTH, bleuFromStatistics, bleuStatistics } from "./bleu.js";
import { type BootstrapOptions, bootstrapSums, type Interval } from "./bootstrap.js";
import { CHRF_STATS_WIDTH, chrfFromStatistics, chrfStatistics } from "./chrf.js";

export interface ScoredSample {
  output: string | null;
  reference: string | null;
  scores: Record<string, number>;
  /** Reference tokens the model scored; `loss` and `perplexity` weigh samples by them. */
  referenceTokens?: number | null;
}

/**
 * How a metric is summarized: each sample gives a row of sufficient statistics (or none, when the
 * metric does not apply to it) and the summary is a function of their sums — the mean for
 * per-sample metrics (`[score, 1]`), the corpus score for BLEU and chrF (their n-gram counts).
 */
interface SummaryPlan {
  width: number;
  row(sample: ScoredSample): ArrayLike<number> | null;
  compute(sums: ArrayLike<number>): number;
}

function planFor(name: string): SummaryPlan {
  if (name === "bleu")
    return {
      width: BLEU_STATS_WIDTH,
      // sacreBLEU corpus_bleu: exp smoothing, no effective order.
      row: (s) =>
        s.output !== null && s.reference !== null ? bleuStatistics(s.output, [s.reference]) : null,
      compute: (sums) => bleuFromStatistics(sums),
    };
  if (name === "chrf")
    return {
      width: CHRF_STATS_WIDTH,
      row: (s) =>
        s.output !== null && s.reference !== null ? chrfStatistics(s.output, [s.reference]) : null,
      compute: (sums) => chrfFromStatistics(sums),
    };
  if (name === "loss" || name === "perplexity")
    return {
      width: 2,
      // Summed NLL and token count: the run's loss is the token-weighted mean over samples (each
      // reference token counts once, as a trainer's validation loss does), perplexity its exp.
      row: (s) => {
        const v = s.scores[name];
        const loss = name === "loss" ? v : typeof v === "number" ? Math.log(v) : undefined;
        const tokens = s.referenceTokens;
        return typeof loss === "number" && Number.isFinite(loss) && tokens ? [loss * tokens, tokens] : null;
      },
      compute: name === "loss" ? (sums) => sums[0]! / sums[1]! : (sums) => Math.exp(sums[0]! / sums[1]!),
    };
  return {
    width: 2,
    row: (s) => {
      const v = s.scores[name];
      return typeof v === "number" && Number.isFinite(v) ? [v, 1] : null;
    },
    compute: (sums) => sums[0]! / sums[1]!,
  };
}

/** The metric names to summarize: those configured, then any other score the samples carry (judge, latency_ms, …). */
function metricNames(samples: readonly ScoredSample[], metrics: readonly MetricConfig[]): string[] {
  const names = new Set<string>(metrics.map((m) => m.name));
  for (const s of samples) for (const k of Object.keys(s.scores)) names.add(k);
  return [...names];
}

function summarizeOne(samples: readonly ScoredSample[], plan: SummaryPlan, opts: BootstrapOptions): Interval {
  const rows: number[] = [];
  for (const s of samples) {
    const row = plan.row(s);
    if (row) for (let k = 0; k < plan.width; k++) rows.push(row[k]!);
  }
  return bootstrapSums(Float64Array.from(rows), plan.width, plan.compute, opts);
}

/**
 * Each metric over a target's samples with its 95 % bootstrap interval (seeded). Per-sample
 * metrics (0/1 ones, ROUGE-L, judge, latency_ms, completion_tokens) average; BLEU and chrF are the
 * corpus statistic (sacreBLEU's corpus_bleu / corpus_chrf over every sample with an output and a
 * reference), recomputed on each resample from per-sample sufficient statistics; loss is the
 * token-weighted mean NLL (summed NLL / summed tokens, per resample too) and perplexity exp(loss).
 */
export function summarizeMetrics(
  samples: readonly ScoredSample[],
  metrics: readonly MetricConfig[],
  opts: { seed: number; resamples?: number; confidence?: number },
): Record<string, MetricSummary> {
  const out: Record<string, MetricSummary> = {};
  for (const name of metricNames(samples, metrics)) out[name] = summarizeOne(samples, planFor(name), opts);
  return out;
}

/** What `summarizeSlices` calls the samples without a slice value. */
export const NO_SLICE = "(none)";

/** `summarizeMetrics` per slice value (slice value → metric → summary); samples without one go to `(none)`. */
export function summarizeSlices(
  samples: readonly (ScoredSample & { slice?: string | null })[],
  metrics: readonly MetricConfig[],
  opts: { seed: number; resamples?: number; confidence?: number },
): Record<string, Record<string, MetricSummary>> {
  const groups = new Map<string, ScoredSample[]>();
  for (const s of samples) {
    const key = s.slice ?? NO_SLICE;
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  const out: Record<string, Record<string, MetricSummary>> = {};
  for (const key of [...groups.keys()].sort()) out[key] = summarizeMetrics(groups.get(key)!, metrics, opts);
  return out;
}

/**
 * Paired `a − b` per metric over the same samples (`a[i]` and `b[i]` answer the same input), with
 * its interval: the resample draws samples, and both targets' statistics come from the same draw.
 * Only samples where the metric applies to both targets count. BLEU and chrF compare corpus scores.
 * Gates (`pairedDelta`) and the two-target summary sentence read it.
 */
export function pairedMetricDeltas(
  a: readonly ScoredSample[],
  b: readonly ScoredSample[],
  metrics: readonly MetricConfig[],
  opts: { seed: number; resamples?: number; confidence?: number },
): Record<string, MetricSummary> {
  const out: Record<string, MetricSummary> = {};
  const count = Math.min(a.length, b.length);
  const names = metricNames([...a, ...b], metrics);
  for (const name of names) {
    const plan = planFor(name);
    const w = plan.width;
    const rows: number[] = [];
    for (let i = 0; i < count; i++) {
      const ra = plan.row(a[i]!);
      const rb = plan.row(b[i]!);
      if (!ra || !rb) continue;
      for (let k = 0; k < w; k++) rows.push(ra[k]!);
      for (let k = 0; k < w; k++) rows.push(rb[k]!);
    }
    out[name] = bootstrapSums(
      Float64Array.from(rows),
      2 * w,
      (sums) => plan.compute(sums.subarray(0, w)) - plan.compute(sums.subarray(w, 2 * w)),
      opts,
    );
  }
  return out;
}
