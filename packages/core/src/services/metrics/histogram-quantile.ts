import type { CumulativeHistogram } from "./parse-replica-metrics.js";

/**
 * The q-quantile of a cumulative histogram, interpolated linearly inside its bucket as Prometheus's
 * `histogram_quantile` does; null without observations. A quantile in the +Inf bucket answers the
 * highest finite bound (what can be said of it: "at least this").
 */
export function histogramQuantile(q: number, h: CumulativeHistogram): number | null {
  const total = h.counts.at(-1) ?? 0;
  if (total <= 0) return null;
  const rank = q * total;
  for (let i = 0; i < h.counts.length; i++) {
    if (h.counts[i]! < rank) continue;
    if (i >= h.bounds.length) return h.bounds.at(-1) ?? null;
    const lower = i === 0 ? 0 : h.bounds[i - 1]!;
    const below = i === 0 ? 0 : h.counts[i - 1]!;
    const inBucket = h.counts[i]! - below;
    if (inBucket <= 0) return h.bounds[i]!;
    return lower + ((h.bounds[i]! - lower) * (rank - below)) / inBucket;
  }
  return h.bounds.at(-1) ?? null;
}

/** Adds `b` into `a` bucket by bucket; histograms with other bounds (another replica version) are left out. */
export function addHistogram(a: CumulativeHistogram | null, b: CumulativeHistogram): CumulativeHistogram {
  if (!a) return { bounds: [...b.bounds], counts: [...b.counts], sum: b.sum };
  if (a.bounds.length !== b.bounds.length || a.bounds.some((x, i) => x !== b.bounds[i])) return a;
  return { bounds: a.bounds, counts: a.counts.map((c, i) => c + (b.counts[i] ?? 0)), sum: a.sum + b.sum };
}

/** `now - before`, bucket by bucket; `before` null or with other bounds (a restarted replica) gives `now`. */
export function subtractHistogram(
  now: CumulativeHistogram,
  before: CumulativeHistogram | null,
): CumulativeHistogram {
  if (
    !before ||
    before.bounds.length !== now.bounds.length ||
    before.bounds.some((x, i) => x !== now.bounds[i])
  )
    return now;
  return {
    bounds: now.bounds,
    counts: now.counts.map((c, i) => Math.max(0, c - (before.counts[i] ?? 0))),
    sum: Math.max(0, now.sum - before.sum),
  };
}
