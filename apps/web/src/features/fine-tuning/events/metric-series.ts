import type { FineTuneJobEvent } from "@infera/contracts";

/** The curves the Metrics tab draws, by their field in a `metrics` event. */
export const METRIC_KEYS = ["loss", "eval_loss", "learning_rate", "grad_norm", "tokens_per_second"] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

/** `[step, value]`, as ECharts takes a point. */
export type Point = [step: number, value: number];
export type MetricSeries = Record<MetricKey, Point[]>;

/** A step range; `to: null` runs to the newest step, so a live curve keeps growing into view. */
export interface StepRange {
  from: number;
  to: number | null;
}

/**
 * The points of each curve from a job's `metrics` events, by step. A retried or resumed attempt
 * trains again the steps after its checkpoint, so a later entry for a step replaces the earlier
 * one: the curve shows the run that produced the result, without doubling back.
 */
export function metricSeries(events: readonly FineTuneJobEvent[]): MetricSeries {
  const byKey = new Map<MetricKey, Map<number, number>>(METRIC_KEYS.map((k) => [k, new Map()]));
  for (const e of events) {
    if (e.type !== "metrics" || typeof e.data.step !== "number") continue;
    for (const key of METRIC_KEYS) {
      const value = e.data[key];
      if (typeof value === "number" && Number.isFinite(value)) byKey.get(key)?.set(e.data.step, value);
    }
  }
  const out = {} as MetricSeries;
  for (const key of METRIC_KEYS) {
    out[key] = [...(byKey.get(key) ?? [])].sort((a, b) => a[0] - b[0]);
  }
  return out;
}

/**
 * Exponential moving average (0 = raw, 0.99 = very smooth), started at the first value so the
 * smoothed curve begins where the raw one does.
 */
export function smooth(points: readonly Point[], weight: number): Point[] {
  if (weight <= 0) return points.map(([s, v]) => [s, v]);
  let last = points[0]?.[1] ?? 0;
  return points.map(([step, value]) => {
    last = last * weight + value * (1 - weight);
    return [step, last];
  });
}

/** The points inside the range (both ends included). */
export function inStepRange(points: readonly Point[], range: StepRange): Point[] {
  return points.filter(([s]) => s >= range.from && (range.to === null || s <= range.to));
}

/** The first and last step any curve has, or null before the first metrics event. */
export function stepBounds(series: MetricSeries): [number, number] | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const points of Object.values(series)) {
    if (points.length === 0) continue;
    min = Math.min(min, points[0]![0]);
    max = Math.max(max, points.at(-1)![0]);
  }
  return Number.isFinite(min) ? [min, max] : null;
}
