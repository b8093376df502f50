import { describe, expect, it } from "vitest";
import { chrfStatistics, corpusChrf, sentenceChrf } from "./chrf.js";

// Expected values are sacreBLEU's own (github.com/mjpost/sacrebleu, test/test_chrf.py at f615c72),
// with its tolerance (1e-4 chrF points).
const EPS = 1e-4;

describe("chrF", () => {
  it.each([
    [
      "Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře.",
      "Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře.",
      39.14078509,
    ],
    [
      "Nebo prostě nemají vybavení, které by jim pomohlo, uvedli lékaři.",
      "A někdy nemáme ani potřebný materiál, abychom jim pomohli, popsali lékaři.",
      31.22557079,
    ],
    [
      "Lapali po dechu, jejich životy skončily dřív, než skutečně začaly.",
      "Lapali po dechu a pak jejich život skončil - dřív, než skutečně mohl začít, připomněli.",
      57.15704367,
    ],
  ])("sentence chrF, eps smoothing (test_chrf_sentence_level) %#", (hyp, ref, expected) => {
    expect(Math.abs(sentenceChrf(hyp, [ref], { epsSmoothing: true }) - expected)).toBeLessThan(EPS);
  });

  it.each([
    [["abcdefg"], ["hijklmnop"], 0.0],
    [["a"], ["b"], 0.0],
    [[""], ["ref"], 0.0],
    [["aa"], ["ab"], 8.3333],
    [["a", "b"], ["a", "c"], 8.3333],
    [["a"], ["a"], 16.6667],
    [["a b c"], ["a b c"], 50.0],
    [["a b c"], ["abc"], 50.0],
    [
      [
        " risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists .",
      ],
      [
        "risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists .",
      ],
      63.36173,
    ],
    [
      [" Die    Beziehung zwischen  Obama und Netanjahu ist nicht gerade  freundlich. "],
      ["Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich."],
      64.1302698,
    ],
    [
      ["Niemand hat die Absicht, eine Mauer zu errichten"],
      ["Niemand hat die Absicht, eine Mauer zu errichten"],
      100.0,
    ],
  ])("corpus chrF beta 3, eps smoothing (test_chrf) %#", (h, r, expected) => {
    expect(Math.abs(corpusChrf(h, [r], { beta: 3, epsSmoothing: true }) - expected)).toBeLessThan(EPS);
  });

  it.each([
    [["a"], ["a"], 100.0],
    [[""], ["reference"], 0.0],
    [["a b c"], ["a b c"], 100.0],
    [["a b c"], ["abc"], 100.0],
    [[""], ["c"], 0.0],
    [["a", "b"], ["a", "c"], 50.0],
    [["aa"], ["ab"], 25.0],
  ])(
    "corpus chrF beta 3, effective order — sacreBLEU's default averaging (test_chrf_eff_order) %#",
    (h, r, expected) => {
      expect(Math.abs(corpusChrf(h, [r], { beta: 3 }) - expected)).toBeLessThan(EPS);
    },
  );

  it.each([
    [
      "Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich.",
      "Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.",
      67.3481606,
    ],
    [
      "risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists .",
      "risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists .",
      65.2414427,
    ],
  ])("keeps white space when asked (test_chrf_keep_whitespace) %#", (h, r, expected) => {
    expect(Math.abs(corpusChrf([h], [[r]], { beta: 3, whitespace: true }) - expected)).toBeLessThan(EPS);
  });

  it("corpus chrF pools statistics: not the mean of sentence scores", () => {
    // A long perfect segment and a short wrong one: 100 and 0 as sentences, near 100 pooled.
    const h = ["the quick brown fox jumps over the lazy dog", "xy"];
    const r = ["the quick brown fox jumps over the lazy dog", "zw"];
    const corpus = corpusChrf(h, [r]);
    const mean = (sentenceChrf(h[0]!, [r[0]!]) + sentenceChrf(h[1]!, [r[1]!])) / 2;
    expect(mean).toBeCloseTo(50, 10);
    expect(corpus).toBeGreaterThan(90);
    // Characters are code points, as in Python: one astral character is one unigram.
    expect(chrfStatistics("😀", ["😀"]).slice(0, 3)).toEqual([1, 1, 1]);
  });
});
