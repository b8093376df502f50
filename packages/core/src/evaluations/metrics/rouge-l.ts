/**
 * ROUGE-L as Google's rouge-score package computes it (rouge_scorer.py, tokenize.py, no stemming):
 * lowercase, every run of characters other than a–z and 0–9 becomes a space, white-space tokens;
 * precision = LCS / prediction tokens, recall = LCS / reference tokens, F1 their harmonic mean.
 *
 * Like rouge-score, only ASCII letters and digits make tokens: text in other scripts (Chinese,
 * Cyrillic, accented letters) is dropped, so ROUGE-L is for English-like text.
 */

export interface RougeScore {
  precision: number;
  recall: number;
  fmeasure: number;
}

export function rougeTokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .split(/\s+/)
    .filter((t) => /^[a-z0-9]+$/.test(t));
}

/** Length of the longest common subsequence, in O(min(m, n)) memory. */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  let prev = new Int32Array(short.length + 1);
  let cur = new Int32Array(short.length + 1);
  for (let i = 1; i <= long.length; i++) {
    for (let j = 1; j <= short.length; j++)
      cur[j] = long[i - 1] === short[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    [prev, cur] = [cur, prev];
  }
  return prev[short.length]!;
}

/** rouge-score's `RougeScorer(["rougeL"]).score(target, prediction)` (0–1). */
export function rougeL(target: string, prediction: string): RougeScore {
  const t = rougeTokenize(target);
  const p = rougeTokenize(prediction);
  if (t.length === 0 || p.length === 0) return { precision: 0, recall: 0, fmeasure: 0 };
  const lcs = lcsLength(t, p);
  const precision = lcs / p.length;
  const recall = lcs / t.length;
  const fmeasure = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, fmeasure };
}
