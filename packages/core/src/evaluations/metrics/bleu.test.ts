import { describe, expect, it } from "vitest";
import { bleuFromStatistics, bleuStatistics, corpusBleu, sentenceBleu } from "./bleu.js";
import { tokenize13a } from "./tokenize-13a.js";

// Expected values are sacreBLEU's own (github.com/mjpost/sacrebleu, test/test_bleu.py and
// test/test_sentence_bleu.py at f615c72); tolerances are theirs or tighter than 0.01 BLEU.

describe("tokenize13a (sacreBLEU tokenizer_13a + tokenizer_re rules)", () => {
  it.each([
    ["Hello, world.", "Hello , world ."],
    // Period and comma between digits stay; $ is split off.
    ["It costs $3.50, not 3,000.", "It costs $ 3.50 , not 3,000 ."],
    // The entities are unescaped first, then split like any symbol.
    ["&quot;quoted&quot; &amp; done", '" quoted " & done'],
    // A dash is split only after a digit.
    ["well-known 1990-2000", "well-known 1990 - 2000"],
    // <skipped> is dropped and a hyphenated line break joins the word.
    ["line-\nbreak<skipped> end", "linebreak end"],
    ["e.g. U.S.A.", "e . g . U . S . A ."],
    ["(hi) [x]{y}", "( hi ) [ x ] { y }"],
    ["a/b: c;d?!", "a / b : c ; d ? !"],
    ["  spaced   out  ", "spaced out"],
    // Non-ASCII punctuation is not in 13a's classes.
    ["Ünïcödé — “smart” quotes…", "Ünïcödé — “smart” quotes…"],
  ])("%j → %j", (input, expected) => {
    expect(tokenize13a(input)).toBe(expected);
  });
});

// test_bleu.py: the README example, three segments with two reference streams.
const refs = [
  ["The dog bit the man.", "It was not unexpected.", "The man bit him first."],
  ["The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."],
];
const hyps = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."];

describe("corpus BLEU", () => {
  it("matches sacreBLEU's test_corpus_bleu cases", () => {
    expect(corpusBleu(hyps, refs)).toBeCloseTo(48.530827, 5);
    expect(corpusBleu(hyps, refs, { tokenize: "13a" })).toBeCloseTo(48.530827, 5);
    expect(corpusBleu(hyps, refs, { tokenize: "none" })).toBeCloseTo(49.1919566, 5);
    expect(corpusBleu(hyps, refs, { smooth: "none" })).toBeCloseTo(48.530827, 5);
    // Empty hypotheses are kept, and score 0.
    expect(corpusBleu(["", "", ""], refs)).toBe(0);
  });

  it("counts n-grams as sacreBLEU does (test_statistics) and scores statistics (test_scoring)", () => {
    const stats = bleuStatistics("am I am a character sequence", ["I am a symbol string sequence a a"], {
      tokenize: "none",
    });
    expect(stats.slice(2, 6)).toEqual([4, 2, 1, 0]);
    expect(stats.slice(6, 10)).toEqual([6, 5, 4, 3]);
    expect(bleuFromStatistics([11, 11, 9, 7, 5, 3, 10, 8, 6, 4], { smooth: "none" }) / 100).toBeCloseTo(
      0.8375922397,
      8,
    );
  });

  it("uses the effective order like sacreBLEU's raw_corpus_bleu (test_effective_order, test_offset)", () => {
    // raw_corpus_bleu = floor smoothing 0.01, no tokenization, effective order.
    const raw = (h: string, r: string, smoothValue = 0.01) =>
      corpusBleu([h], [[r]], { tokenize: "none", smooth: "floor", smoothValue, effectiveOrder: true }) / 100;
    expect(raw("test", "a test")).toBeCloseTo(0.3678794411714425, 8);
    expect(raw("a test", "a test")).toBeCloseTo(1, 8);
    expect(raw("a little test", "a test")).toBeCloseTo(0.03218297948685433, 8);
    expect(raw("this is a fest", "this is a test")).toBeCloseTo(0.223606797749979, 8);
    // With the default floor (0.1) and with none.
    expect(raw("am I am a character sequence", "I am a symbol string sequence a a", 0.1)).toBeCloseTo(
      0.1555722182,
      8,
    );
    expect(raw("am I am a character sequence", "I am a symbol string sequence a a", 0)).toBe(0);
  });
});

describe("sentence BLEU", () => {
  // test_sentence_bleu.py, example from sacreBLEU issue #98.
  const REF = "producţia de zahăr brut se exprimă în zahăr alb;";
  const SYS = "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;";

  it("defaults to sacreBLEU's sentence_bleu: exp smoothing, 13a, effective order", () => {
    expect(sentenceBleu(SYS, [REF])).toBeCloseTo(8.493, 3);
    // Effective order: a two-word answer is judged on 1- and 2-grams (test_effective_order's case),
    // where corpus BLEU without it is 0.
    expect(sentenceBleu("a test", ["a test"])).toBeCloseTo(100, 8);
    expect(corpusBleu(["a test"], [["a test"]])).toBe(0);
  });

  it.each([
    ["none", undefined, "13a", 0.0],
    ["floor", undefined, "13a", 4.51688],
    ["floor", 0.1, "13a", 4.51688],
    ["floor", 0.5, "13a", 10.1],
    ["add-k", undefined, "13a", 14.882],
    ["add-k", 1, "13a", 14.882],
    ["add-k", 2, "13a", 21.389],
    ["exp", undefined, "none", 7.347],
  ] as const)("smoothing %s %s, tokenizer %s → %d", (smooth, smoothValue, tokenize, expected) => {
    expect(Math.abs(sentenceBleu(SYS, [REF], { smooth, smoothValue, tokenize }) - expected)).toBeLessThan(
      1e-3,
    );
  });

  it("is 0 when nothing matches, whatever the smoothing (sacreBLEU #141)", () => {
    for (const smooth of ["exp", "none", "floor", "add-k"] as const)
      expect(sentenceBleu("this is a cat", ["okay thanks"], { smooth })).toBe(0);
  });

  it("differs from corpus BLEU: the corpus pools n-gram counts instead of averaging sentence scores", () => {
    const h = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."];
    const r = ["The dog bit the man.", "It was not unexpected.", "The man bit him first."];
    const sentences = h.map((x, i) => sentenceBleu(x, [r[i]!]));
    const mean = sentences.reduce((s, x) => s + x, 0) / sentences.length;
    const corpus = corpusBleu(h, [r]);
    expect(sentences[0]).toBeCloseTo(100, 8);
    expect(Math.abs(corpus - mean)).toBeGreaterThan(1);
    // Pooling by hand gives the corpus score.
    const sums = h.map((x, i) => bleuStatistics(x, [r[i]!])).reduce((acc, s) => acc.map((v, k) => v + s[k]!));
    expect(bleuFromStatistics(sums)).toBeCloseTo(corpus, 10);
  });
});
