import { splitWhitespace, tokenize13a } from "./tokenize-13a.js";

/**
 * BLEU as sacreBLEU 2.x computes it (sacrebleu/metrics/bleu.py): the `13a` tokenizer, n-grams up to
 * 4, clipped counts against the (best of the) references, the closest reference length for the
 * brevity penalty. Scores are 0–100.
 *
 * A sample's sufficient statistics are `[hyp_len, ref_len, correct_1..4, total_1..4]`; a corpus
 * score sums them over samples, which is what makes a bootstrap resample cheap.
 */

export const BLEU_MAX_ORDER = 4;
export const BLEU_STATS_WIDTH = 2 + 2 * BLEU_MAX_ORDER;

export type BleuSmoothing = "none" | "floor" | "add-k" | "exp";

export interface BleuOptions {
  /** `13a` (sacreBLEU's default) or `none` (split on white space only). */
  tokenize?: "13a" | "none";
  lowercase?: boolean;
}

export interface BleuScoreOptions {
  /** sacreBLEU's default is `exp` for both corpus_bleu and sentence_bleu. */
  smooth?: BleuSmoothing;
  /** For `floor` (default 0.1) and `add-k` (default 1). */
  smoothValue?: number;
  /** Stop at the highest order with any hypothesis n-gram: sacreBLEU's sentence_bleu turns it on. */
  effectiveOrder?: boolean;
}

function preprocess(text: string, opts: BleuOptions): string[] {
  let s = opts.lowercase ? text.toLowerCase() : text;
  // sacreBLEU strips trailing white space before tokenizing (`sent.rstrip()`).
  s = s.replace(/\s+$/u, "");
  return splitWhitespace((opts.tokenize ?? "13a") === "13a" ? tokenize13a(s) : s);
}

/** n-gram counts per order (index n − 1), keyed by the tokens joined with a space (tokens hold none). */
function ngramCounts(tokens: readonly string[]): Map<string, number>[] {
  const counts = Array.from({ length: BLEU_MAX_ORDER }, () => new Map<string, number>());
  for (let i = 0; i < tokens.length; i++) {
    let key = tokens[i]!;
    for (let n = 1; n <= BLEU_MAX_ORDER && i + n <= tokens.length; n++) {
      if (n > 1) key += ` ${tokens[i + n - 1]}`;
      const m = counts[n - 1]!;
      m.set(key, (m.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

/** The closest reference length to the hypothesis length; the shorter one on a tie. */
function closestRefLength(hypLen: number, refLens: readonly number[]): number {
  let bestDiff = -1;
  let best = -1;
  for (const len of refLens) {
    const diff = Math.abs(hypLen - len);
    if (bestDiff === -1 || diff < bestDiff) {
      bestDiff = diff;
      best = len;
    } else if (diff === bestDiff && len < best) best = len;
  }
  return best;
}

/** One segment's sufficient statistics against one or more references. */
export function bleuStatistics(
  hypothesis: string,
  references: readonly string[],
  opts: BleuOptions = {},
): number[] {
  const refCounts = Array.from({ length: BLEU_MAX_ORDER }, () => new Map<string, number>());
  const refLens: number[] = [];
  for (const ref of references) {
    const tokens = preprocess(ref, opts);
    refLens.push(tokens.length);
    // Several references: each n-gram's count is its highest in any of them.
    ngramCounts(tokens).forEach((m, n) => {
      for (const [k, c] of m) refCounts[n]!.set(k, Math.max(refCounts[n]!.get(k) ?? 0, c));
    });
  }
  const hyp = preprocess(hypothesis, opts);
  const correct = new Array<number>(BLEU_MAX_ORDER).fill(0);
  const total = new Array<number>(BLEU_MAX_ORDER).fill(0);
  ngramCounts(hyp).forEach((m, n) => {
    for (const [k, c] of m) {
      total[n]! += c;
      const r = refCounts[n]!.get(k);
      if (r !== undefined) correct[n]! += Math.min(c, r);
    }
  });
  return [hyp.length, closestRefLength(hyp.length, refLens), ...correct, ...total];
}

/** BLEU (0–100) from summed statistics: sacreBLEU's `BLEU.compute_bleu`. */
export function bleuFromStatistics(stats: ArrayLike<number>, opts: BleuScoreOptions = {}): number {
  const smooth = opts.smooth ?? "exp";
  const smoothValue = opts.smoothValue ?? (smooth === "floor" ? 0.1 : 1);
  const sysLen = stats[0]!;
  const refLen = stats[1]!;
  const correct = Array.from({ length: BLEU_MAX_ORDER }, (_, i) => stats[2 + i]!);
  const total = Array.from({ length: BLEU_MAX_ORDER }, (_, i) => stats[2 + BLEU_MAX_ORDER + i]!);
  let bp = 1;
  if (sysLen < refLen) bp = sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0;
  // No match at any order: 0, whatever the smoothing (sacreBLEU #141).
  if (!correct.some((c) => c !== 0)) return 0;
  const precisions = new Array<number>(BLEU_MAX_ORDER).fill(0);
  let smoothMteval = 1;
  let effOrder = BLEU_MAX_ORDER;
  for (let n = 1; n <= BLEU_MAX_ORDER; n++) {
    if (smooth === "add-k" && n > 1) {
      correct[n - 1]! += smoothValue;
      total[n - 1]! += smoothValue;
    }
    if (total[n - 1] === 0) break;
    if (opts.effectiveOrder) effOrder = n;
    if (correct[n - 1] === 0) {
      if (smooth === "exp") {
        smoothMteval *= 2;
        precisions[n - 1] = 100 / (smoothMteval * total[n - 1]!);
      } else if (smooth === "floor") precisions[n - 1] = (100 * smoothValue) / total[n - 1]!;
    } else precisions[n - 1] = (100 * correct[n - 1]!) / total[n - 1]!;
  }
  let logSum = 0;
  for (let i = 0; i < effOrder; i++) logSum += precisions[i]! > 0 ? Math.log(precisions[i]!) : -9999999999;
  // Capped at 100: exp(mean(log 100)) can land a rounding error above it.
  return Math.min(100, bp * Math.exp(logSum / effOrder));
}

/** sacreBLEU's `sentence_bleu` defaults: `exp` smoothing, effective order. */
export function sentenceBleu(
  hypothesis: string,
  references: readonly string[],
  opts: BleuOptions & BleuScoreOptions = {},
): number {
  return bleuFromStatistics(bleuStatistics(hypothesis, references, opts), {
    effectiveOrder: true,
    ...opts,
  });
}

/**
 * sacreBLEU's `corpus_bleu`: `references` is a list of reference streams, each as long as
 * `hypotheses` (stream k holds every segment's k-th reference).
 */
export function corpusBleu(
  hypotheses: readonly string[],
  references: readonly (readonly string[])[],
  opts: BleuOptions & BleuScoreOptions = {},
): number {
  const sums = new Array<number>(BLEU_STATS_WIDTH).fill(0);
  hypotheses.forEach((hyp, i) => {
    const stats = bleuStatistics(
      hyp,
      references.map((stream) => stream[i]!),
      opts,
    );
    for (let k = 0; k < BLEU_STATS_WIDTH; k++) sums[k]! += stats[k]!;
  });
  return bleuFromStatistics(sums, opts);
}
