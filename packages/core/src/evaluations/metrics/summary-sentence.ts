import {
  type EvaluationKind,
  MetricName,
  type MetricSummary,
  metricDirection,
  type SummaryFigure,
  type SummarySentenceParts,
  type SummaryTargetName,
} from "@infera/contracts";

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

function interval(name: string, s: Pick<SummaryFigure, "ci_low" | "ci_high">): string {
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

function figure(s: MetricSummary & { value: number }): SummaryFigure {
  return { value: s.value, ci_low: s.ci_low, ci_high: s.ci_high, n: s.n };
}

/**
 * What the one sentence a person reads first says, as data (the console says it in its language;
 * `summarySentence` says it in English): one target's metric with its interval, or for two targets
 * with paired deltas who beats whom — said only when the interval excludes 0; otherwise that the
 * difference is within noise.
 */
export function summarySentenceParts(
  summary: TargetSummaries,
  kind: EvaluationKind,
  opts: SummarySentenceOptions = {},
): SummarySentenceParts {
  const name = (key: "a" | "b"): SummaryTargetName => ({
    key,
    label: opts.labels?.[key] ?? null,
    default: kind === "gate" ? (key === "a" ? "candidate" : "prod") : key === "a" ? "default_a" : "default_b",
  });
  const nameA = name("a");
  const nameB = name("b");
  const metric = pickMetric(summary, opts.metric);
  if (!metric) return { form: "no_metric" };
  const a = summary.a?.[metric];
  const b = summary.b?.[metric];
  if (!b || !summary.a) {
    const s = a ?? b;
    if (!s || s.value === null) return { form: "none_scored", metric };
    return { form: "single", metric, figure: figure({ ...s, value: s.value }) };
  }
  if (!a || a.value === null)
    return b.value === null
      ? { form: "none_scored", metric }
      : {
          form: "one_missing",
          metric,
          missing: nameA,
          other: nameB,
          figure: figure({ ...b, value: b.value }),
        };
  if (b.value === null)
    return {
      form: "one_missing",
      metric,
      missing: nameB,
      other: nameA,
      figure: figure({ ...a, value: a.value }),
    };

  const higher =
    (MetricName.safeParse(metric).success ? metricDirection[metric as MetricName] : "higher") === "higher";
  const delta = opts.deltas?.[metric];
  if (delta && delta.value !== null && delta.ci_low !== null && delta.ci_high !== null) {
    if (delta.value === 0)
      return {
        form: "tie",
        metric,
        a: nameA,
        b: nameB,
        difference: { value: 0, ci_low: delta.ci_low, ci_high: delta.ci_high, n: delta.n },
      };
    const aBetter = higher ? delta.value > 0 : delta.value < 0;
    const [winner, loser] = aBetter ? [nameA, nameB] : [nameB, nameA];
    // The winner's advantage: a − b when a wins on a higher-is-better metric, and so on.
    const sign = (aBetter ? 1 : -1) * (higher ? 1 : -1);
    const [lo, hi] = sign > 0 ? [delta.ci_low, delta.ci_high] : [-delta.ci_high, -delta.ci_low];
    const by = { value: sign * delta.value, ci_low: lo, ci_high: hi, n: delta.n };
    if (lo > 0) return { form: "beats", metric, winner, loser, by };
    return { form: "within_noise", metric, a: nameA, b: nameB, leader: winner, by };
  }
  return {
    form: "versus",
    metric,
    a: nameA,
    b: nameB,
    a_figure: figure({ ...a, value: a.value }),
    b_figure: figure({ ...b, value: b.value }),
  };
}

const DEFAULT_NAMES: Record<SummaryTargetName["default"], string> = {
  default_a: "A",
  default_b: "B",
  candidate: "candidate",
  prod: "prod",
};

/** The English sentence of the parts, e.g. "exact match 0.92 [0.88, 0.95] on 200 samples". */
export function renderSummarySentence(parts: SummarySentenceParts): string {
  if (parts.form === "no_metric") return "no metric was computed";
  const { metric } = parts;
  const label = metricLabel(metric);
  const who = (n: SummaryTargetName) => n.label ?? DEFAULT_NAMES[n.default];
  const value = (v: number) => formatMetricValue(metric, v);
  const one = (f: SummaryFigure) => `${label} ${value(f.value)}${interval(metric, f)} on ${samplesWord(f.n)}`;
  const by = (f: SummaryFigure) => `${value(f.value)}${interval(metric, f)}`;
  switch (parts.form) {
    case "none_scored":
      return `no sample was scored for ${label}`;
    case "single":
      return one(parts.figure);
    case "one_missing":
      return `${who(parts.missing)} has no ${label}; ${who(parts.other)}: ${one(parts.figure)}`;
    case "tie":
      return `${who(parts.a)} and ${who(parts.b)} tie on ${label}: difference 0${interval(metric, parts.difference)} on ${samplesWord(parts.difference.n)}`;
    case "beats":
      return `${who(parts.winner)} beats ${who(parts.loser)} on ${label} by ${by(parts.by)} on ${samplesWord(parts.by.n)}`;
    case "within_noise":
      return `${who(parts.a)} and ${who(parts.b)} are within noise on ${label}: ${who(parts.leader)} ahead by ${by(parts.by)} on ${samplesWord(parts.by.n)}`;
    case "versus":
      return `${who(parts.a)} ${by(parts.a_figure)} vs ${who(parts.b)} ${by(parts.b_figure)} on ${label} (${samplesWord(parts.a_figure.n)})`;
  }
}

/**
 * The one sentence a person reads first when a run finishes, in English: `summarySentenceParts`
 * rendered by `renderSummarySentence`, so the stored sentence and its parts cannot drift.
 */
export function summarySentence(
  summary: TargetSummaries,
  kind: EvaluationKind,
  opts: SummarySentenceOptions = {},
): string {
  return renderSummarySentence(summarySentenceParts(summary, kind, opts));
}
