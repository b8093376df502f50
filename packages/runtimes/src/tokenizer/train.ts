import { Tokenizer, type TokenizerJson } from "./bpe.js";
import { BYTE_TO_CHAR, bytesToSymbols } from "./byte-level.js";
import { CHATML_TEMPLATE } from "./chat-template.js";
import { pretokenize } from "./pretokenize.js";

/** Control tokens, in id order (ids 0..4), ahead of the 256 byte tokens. */
export const DEFAULT_SPECIAL_TOKENS = {
  bos: "<|bos|>",
  eos: "<|endoftext|>",
  imStart: "<|im_start|>",
  eot: "<|im_end|>",
  pad: "<|pad|>",
} as const;

/**
 * Trains a byte-level BPE: the vocabulary is the special tokens, the 256 bytes, then one token per
 * merge, most frequent adjacent pair first (ties: smallest pair string), until `vocabSize`.
 */
export function trainBpe(texts: Iterable<string>, opts: { vocabSize: number }): Tokenizer {
  const special = [
    DEFAULT_SPECIAL_TOKENS.bos,
    DEFAULT_SPECIAL_TOKENS.eos,
    DEFAULT_SPECIAL_TOKENS.imStart,
    DEFAULT_SPECIAL_TOKENS.eot,
    DEFAULT_SPECIAL_TOKENS.pad,
  ];
  const vocab: string[] = [...special, ...BYTE_TO_CHAR];
  if (opts.vocabSize < vocab.length) throw new Error(`vocabSize must be at least ${vocab.length}`);

  const counts = new Map<string, number>();
  for (const text of texts) for (const w of pretokenize(text)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const words = [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const seqs = words.map(([w]) => bytesToSymbols(w));
  const freqs = words.map(([, c]) => c);

  const merges: string[] = [];
  const seen = new Set(vocab);
  while (vocab.length < opts.vocabSize) {
    const pairs = new Map<string, number>();
    for (let w = 0; w < seqs.length; w++) {
      const s = seqs[w]!;
      for (let i = 0; i + 1 < s.length; i++) {
        const key = `${s[i]} ${s[i + 1]}`;
        pairs.set(key, (pairs.get(key) ?? 0) + freqs[w]!);
      }
    }
    let best: string | undefined;
    let bestCount = 1;
    for (const [k, c] of pairs) {
      if (c > bestCount || (c === bestCount && best !== undefined && k < best)) {
        best = k;
        bestCount = c;
      }
    }
    if (best === undefined) break;
    const [l, r] = best.split(" ") as [string, string];
    const merged = l + r;
    merges.push(best);
    if (!seen.has(merged)) {
      vocab.push(merged);
      seen.add(merged);
    }
    for (const s of seqs) {
      for (let i = 0; i + 1 < s.length; i++) {
        if (s[i] === l && s[i + 1] === r) s.splice(i, 2, merged);
      }
    }
  }
  const json: TokenizerJson = {
    format: "infera-bpe-v1",
    model: "gpt2",
    pre: "gpt-2",
    vocab,
    special: special.map((_, i) => i),
    merges,
    specialTokens: { ...DEFAULT_SPECIAL_TOKENS },
    addBos: true,
    chatTemplate: CHATML_TEMPLATE,
  };
  return new Tokenizer(json);
}
