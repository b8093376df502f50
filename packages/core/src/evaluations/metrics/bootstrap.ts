/**
 * Seeded bootstrap intervals: the same seed and samples give the same interval, so a report can be
 * reproduced. Percentile method, 95 %, 1,000 resamples by default.
 */

/** mulberry32: small, fast, good enough for resampling indices. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Interval {
  value: number | null;
  ci_low: number | null;
  ci_high: number | null;
  n: number;
}

/**
 * The statistic over `n` items and its bootstrap interval: `stat` receives the indices of one
 * resample (with repetition), so corpus-level statistics (BLEU, chrF) resample samples, not scores.
 */
export function bootstrap(
  n: number,
  stat: (indices: readonly number[]) => number,
  opts: { seed: number; resamples?: number; confidence?: number },
): Interval {
  if (n === 0) return { value: null, ci_low: null, ci_high: null, n: 0 };
  const all = Array.from({ length: n }, (_, i) => i);
  const value = stat(all);
  const resamples = opts.resamples ?? 1000;
  const random = seededRandom(opts.seed);
  const stats: number[] = [];
  const idx = new Array<number>(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) idx[i] = Math.floor(random() * n);
    stats.push(stat(idx));
  }
  stats.sort((x, y) => x - y);
  const alpha = (1 - (opts.confidence ?? 0.95)) / 2;
  const at = (q: number) => stats[Math.min(resamples - 1, Math.max(0, Math.floor(q * resamples)))]!;
  return { value, ci_low: at(alpha), ci_high: at(1 - alpha), n };
}

/** Mean of per-sample scores with its interval. */
export function meanInterval(
  scores: readonly number[],
  opts: { seed: number; resamples?: number },
): Interval {
  return bootstrap(scores.length, (ix) => ix.reduce((s, i) => s + scores[i]!, 0) / ix.length, opts);
}

/** Paired difference of means (`a[i] - b[i]`, same samples), with its interval. */
export function pairedDeltaInterval(
  a: readonly number[],
  b: readonly number[],
  opts: { seed: number; resamples?: number },
): Interval {
  if (a.length !== b.length) throw new Error("paired scores need the same samples");
  return bootstrap(a.length, (ix) => ix.reduce((s, i) => s + a[i]! - b[i]!, 0) / ix.length, opts);
}
