import { type EvaluationKind, MetricName, type MetricSummary, metricDirection } from "@infera/contracts";

type TargetSummaries = Partial<Record<"a" | "b", Record<string, MetricSummary>>>;

export interface SummarySentenceOptions {
  /** The metric to speak of; default the first quality metric of target `a` (not latency or tokens). */
  metric?: string;
  /** Display names; default `A`/`B`, and `candidate`/`prod` for a gate run. */
  labels?: { a?: string; b?: string };
  /** Paired `a − b` per metric (`pairedMetricDeltas`): with it, two targets are compared by the paired interval. */
  deltas?: Record<string, MetricSummary>;
}

const LABELS: Record<string, string> = {
  exact_match: "exact match",
  contains: "contains",
  regex: "regex match",
  json_valid: "valid JSON",
  json_schema: "schema conformance",
  rouge_l: "ROUGE-L",
  bleu: "BLEU",
  chrf: "chrF",
  judge: "judge score",
  latency_ms: "latency",
  completion_tokens: "completion tokens",
  loss: "loss",
  perplexity: "perplexity",
};

export function metricLabel(name: string): string {
  return LABELS[name] ?? name.replaceAll("_", " ");
}

/** Two decimals for 0/1 rates, one for 0–100 similarities and token counts, whole milliseconds. */
export function formatMetricValue(name: string, value: number | null): string {
  if (value === null) return "–";
  if (name === "latency_ms") return `${Math.round(value)} ms`;
  if (name === "rouge_l" || name === "bleu" || name === "chrf" || name === "completion_tokens")
    return value.toFixed(1);
  return value.toFixed(2);
}

function interval(name: string, s: MetricSummary): string {
  return s.ci_low === null || s.ci_high === null
    ? ""
    : ` [${formatMetricValue(name, s.ci_low)}, ${formatMetricValue(name, s.ci_high)}]`;
}

function samplesWord(n: number): string {
  return `${n} sample${n === 1 ? "" : "s"}`;
}

function pickMetric(summary: TargetSummaries, wanted?: string): string | null {
  if (wanted) return wanted;
  const names = Object.keys(summary.a ?? summary.b ?? {});
  return (
    names.find(
      (n) => n !== "latency_ms" && n !== "completion_tokens" && (summary.a ?? summary.b)![n]?.value != null,
    ) ??
    names[0] ??
    null
  );
}

/**
 * The one sentence a person reads first when a run finishes, e.g. "exact match 0.92 [0.88, 0.95]
 * on 200 samples", or for two targets with paired deltas "B beats A on exact match by 0.06
 * [0.02, 0.10] on 200 samples" — said only when the interval excludes 0; otherwise the sentence says
 * the difference is within noise.
 */
export function summarySentence(
  summary: TargetSummaries,
  kind: EvaluationKind,
  opts: SummarySentenceOptions = {},
): string {
  const labelA = opts.labels?.a ?? (kind === "gate" ? "candidate" : "A");
  const labelB = opts.labels?.b ?? (kind === "gate" ? "prod" : "B");
  const metric = pickMetric(summary, opts.metric);
  if (!metric) return "no metric was computed";
  const label = metricLabel(metric);
  const a = summary.a?.[metric];
  const b = summary.b?.[metric];
  const one = (s: MetricSummary) =>
    `${label} ${formatMetricValue(metric, s.value)}${interval(metric, s)} on ${samplesWord(s.n)}`;
  if (!b || !summary.a) {
    const s = a ?? b;
    if (!s || s.value === null) return `no sample was scored for ${label}`;
    return one(s);
  }
  if (!a || a.value === null)
    return b.value === null
      ? `no sample was scored for ${label}`
      : `${labelA} has no ${label}; ${labelB}: ${one(b)}`;
  if (b.value === null) return `${labelB} has no ${label}; ${labelA}: ${one(a)}`;

  const higher =
    (MetricName.safeParse(metric).success ? metricDirection[metric as MetricName] : "higher") === "higher";
  const delta = opts.deltas?.[metric];
  if (delta && delta.value !== null && delta.ci_low !== null && delta.ci_high !== null) {
    if (delta.value === 0)
      return `${labelA} and ${labelB} tie on ${label}: difference 0 [${formatMetricValue(metric, delta.ci_low)}, ${formatMetricValue(metric, delta.ci_high)}] on ${samplesWord(delta.n)}`;
    const aBetter = higher ? delta.value > 0 : delta.value < 0;
    const [winner, loser] = aBetter ? [labelA, labelB] : [labelB, labelA];
    // The winner's advantage: a − b when a wins on a higher-is-better metric, and so on.
    const sign = (aBetter ? 1 : -1) * (higher ? 1 : -1);
    const [lo, hi] = sign > 0 ? [delta.ci_low, delta.ci_high] : [-delta.ci_high, -delta.ci_low];
    const by = `${formatMetricValue(metric, sign * delta.value)} [${formatMetricValue(metric, lo)}, ${formatMetricValue(metric, hi)}]`;
    if (lo > 0) return `${winner} beats ${loser} on ${label} by ${by} on ${samplesWord(delta.n)}`;
    return `${labelA} and ${labelB} are within noise on ${label}: ${winner} ahead by ${by} on ${samplesWord(delta.n)}`;
  }
  return `${labelA} ${formatMetricValue(metric, a.value)}${interval(metric, a)} vs ${labelB} ${formatMetricValue(metric, b.value)}${interval(metric, b)} on ${label} (${samplesWord(a.n)})`;
}
