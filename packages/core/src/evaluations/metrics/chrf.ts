/**
 * chrF as sacreBLEU 2.x computes it (sacrebleu/metrics/chrf.py) with its defaults: character
 * n-grams up to 6, no word n-grams (not chrF++), beta 2, white space removed, and the
 * "effective order" averaging (sacreBLEU's default, `eps_smoothing=False`). Scores are 0–100.
 *
 * A segment's sufficient statistics are `[hyp, ref, match]` per order; a corpus score sums them.
 * Characters are code points, as Python strings index them.
 */

export const CHRF_CHAR_ORDER = 6;
export const CHRF_STATS_WIDTH = 3 * CHRF_CHAR_ORDER;

export interface ChrfOptions {
  /** Keep white space inside n-grams (sacreBLEU `whitespace=True`); default false. */
  whitespace?: boolean;
  lowercase?: boolean;
  /** Default 2. */
  beta?: number;
  /** chrF++.py / NLTK style smoothing (sacreBLEU `eps_smoothing=True`); default false. */
  epsSmoothing?: boolean;
}

function charNgrams(text: string, opts: ChrfOptions): Map<string, number>[] {
  let s = opts.lowercase ? text.toLowerCase() : text;
  if (!opts.whitespace) s = s.replace(/\s+/gu, "");
  // Code point boundaries, so an n-gram is a plain slice of the string.
  const at: number[] = [];
  for (let i = 0; i < s.length; i += s.codePointAt(i)! > 0xffff ? 2 : 1) at.push(i);
  at.push(s.length);
  const length = at.length - 1;
  const out: Map<string, number>[] = [];
  for (let n = 1; n <= CHRF_CHAR_ORDER; n++) {
    const counts = new Map<string, number>();
    for (let i = 0; i + n <= length; i++) {
      const key = s.slice(at[i], at[i + n]);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    out.push(counts);
  }
  return out;
}

/** chrF (0–100) from summed statistics: sacreBLEU's `CHRF._compute_f_score`. */
export function chrfFromStatistics(stats: ArrayLike<number>, opts: ChrfOptions = {}): number {
  const eps = 1e-16;
  const factor = (opts.beta ?? 2) ** 2;
  const order = stats.length / 3;
  let score = 0;
  let effectiveOrder = 0;
  let avgPrec = 0;
  let avgRec = 0;
  for (let i = 0; i < order; i++) {
    const nHyp = stats[3 * i]!;
    const nRef = stats[3 * i + 1]!;
    const nMatch = stats[3 * i + 2]!;
    const prec = nHyp > 0 ? nMatch / nHyp : eps;
    const rec = nRef > 0 ? nMatch / nRef : eps;
    const denom = factor * prec + rec;
    score += denom > 0 ? ((1 + factor) * prec * rec) / denom : eps;
    if (nHyp > 0 && nRef > 0) {
      avgPrec += prec;
      avgRec += rec;
      effectiveOrder++;
    }
  }
  if (opts.epsSmoothing) return (100 * score) / order;
  if (effectiveOrder === 0) return 0;
  avgPrec /= effectiveOrder;
  avgRec /= effectiveOrder;
  if (avgPrec + avgRec === 0) return 0;
  return (100 * ((1 + factor) * avgPrec * avgRec)) / (factor * avgPrec + avgRec);
}

/** One segment's statistics: against several references, those of the best-scoring one. */
export function chrfStatistics(
  hypothesis: string,
  references: readonly string[],
  opts: ChrfOptions = {},
): number[] {
  const hyp = charNgrams(hypothesis, opts);
  let best: number[] = [];
  let bestF = -1;
  for (const reference of references) {
    const ref = charNgrams(reference, opts);
    const stats: number[] = [];
    for (let n = 0; n < CHRF_CHAR_ORDER; n++) {
      let hypCount = 0;
      let match = 0;
      for (const [g, c] of hyp[n]!) {
        hypCount += c;
        const r = ref[n]!.get(g);
        if (r !== undefined) match += Math.min(c, r);
      }
      let refCount = 0;
      for (const c of ref[n]!.values()) refCount += c;
      // sacreBLEU does not count hypothesis n-grams of an order the reference has none of.
      stats.push(ref[n]!.size > 0 ? hypCount : 0, refCount, match);
    }
    const f = chrfFromStatistics(stats, opts);
    if (f > bestF) {
      bestF = f;
      best = stats;
    }
  }
  return best;
}

export function sentenceChrf(
  hypothesis: string,
  references: readonly string[],
  opts: ChrfOptions = {},
): number {
  return chrfFromStatistics(chrfStatistics(hypothesis, references, opts), opts);
}

/** sacreBLEU's `corpus_chrf`: `references` is a list of reference streams, each as long as `hypotheses`. */
export function corpusChrf(
  hypotheses: readonly string[],
  references: readonly (readonly string[])[],
  opts: ChrfOptions = {},
): number {
  const sums = new Array<number>(CHRF_STATS_WIDTH).fill(0);
  hypotheses.forEach((hyp, i) => {
    const stats = chrfStatistics(
      hyp,
      references.map((stream) => stream[i]!),
      opts,
    );
    for (let k = 0; k < CHRF_STATS_WIDTH; k++) sums[k]! += stats[k]!;
  });
  return chrfFromStatistics(sums, opts);
}
