/** Summary of per-row token counts. Quantiles are nearest-rank: the smallest count with at least ⌈q·n⌉ rows at or below it. */
export interface DistributionSummary {
  rows: number;
  sum: number;
  mean: number;
  min: number;
  p50: number;
  p95: number;
  max: number;
  /** False once the counts were binned (more than `exactDistinct` different values): quantiles within 0.5%. */
  exact: boolean;
}

const EXACT_BELOW = 1024;
const GROWTH = Math.log(1.01);

/**
 * Streaming distribution of non-negative integers (token counts). Counts are kept per distinct value,
 * which is exact and small for real data (a dataset whose rows have d different lengths holds d
 * entries, and d ≤ √(2·total tokens)). Past `exactDistinct` values it folds into log-spaced bins
 * 1% wide above 1024 (exact below), so memory stays bounded (≈ 3,000 bins up to 10⁹ tokens a row).
 */
export class CountDistribution {
  private counts = new Map<number, number>();
  private binned = false;
  rows = 0;
  sum = 0;
  min = Number.POSITIVE_INFINITY;
  max = 0;

  constructor(private readonly exactDistinct = 20_000) {}

  add(value: number): void {
    this.rows++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    const key = this.binned ? binOf(value) : value;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (!this.binned && this.counts.size > this.exactDistinct) this.fold();
  }

  private fold(): void {
    const bins = new Map<number, number>();
    for (const [v, c] of this.counts) {
      const b = binOf(v);
      bins.set(b, (bins.get(b) ?? 0) + c);
    }
    this.counts = bins;
    this.binned = true;
  }

  /** Nearest-rank quantile, q in (0, 1]. */
  quantile(q: number): number {
    if (this.rows === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.rows));
    const keys = [...this.counts.keys()].sort((a, b) => a - b);
    let seen = 0;
    for (const k of keys) {
      seen += this.counts.get(k)!;
      if (seen >= rank) {
        const v = this.binned ? valueOfBin(k) : k;
        return Math.min(this.max, Math.max(this.min, v));
      }
    }
    return this.max;
  }

  summary(): DistributionSummary {
    return {
      rows: this.rows,
      sum: this.sum,
      mean: this.rows ? this.sum / this.rows : 0,
      min: this.rows ? this.min : 0,
      p50: this.quantile(0.5),
      p95: this.quantile(0.95),
      max: this.max,
      exact: !this.binned,
    };
  }
}

function binOf(v: number): number {
  if (v < EXACT_BELOW) return v;
  return EXACT_BELOW + Math.floor(Math.log(v / EXACT_BELOW) / GROWTH);
}

/** The geometric middle of a bin: within 0.5% of every value in it. */
function valueOfBin(b: number): number {
  if (b < EXACT_BELOW) return b;
  const k = b - EXACT_BELOW;
  return Math.round(EXACT_BELOW * Math.exp((k + 0.5) * GROWTH));
}
