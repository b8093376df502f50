import type { TextNormalization } from "@infera/contracts";

// Articles as whole words: Unicode-aware boundaries, so the "the" in "thé" or "theory" stays.
const ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/giu;

/**
 * The answer normalization `exact_match` and `contains` compare under. Always NFC first (the same
 * text typed with combining accents or precomposed letters compares equal), then in SQuAD's order:
 * trim, lowercase, strip punctuation, strip articles, collapse white space.
 */
export function normalize(text: string, opts: Partial<TextNormalization> = {}): string {
  let s = text.normalize("NFC");
  if (opts.trim ?? true) s = s.trim();
  if (opts.lowercase) s = s.toLowerCase();
  if (opts.strip_punctuation) s = s.replace(/[\p{P}\p{S}]/gu, "");
  if (opts.strip_articles) s = s.replace(ARTICLES, " ");
  if (opts.collapse_whitespace ?? true) s = s.replace(/\s+/gu, " ").trim();
  else if (opts.trim ?? true) s = s.trim();
  return s;
}

/** 1 when output and reference are equal after normalization. */
export function exactMatch(output: string, reference: string, opts?: Partial<TextNormalization>): 0 | 1 {
  return normalize(output, opts) === normalize(reference, opts) ? 1 : 0;
}

/** 1 when the normalized output contains the normalized reference (an empty reference is contained). */
export function containsMatch(output: string, reference: string, opts?: Partial<TextNormalization>): 0 | 1 {
  return normalize(output, opts).includes(normalize(reference, opts)) ? 1 : 0;
}
