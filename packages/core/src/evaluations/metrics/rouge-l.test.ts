import { describe, expect, it } from "vitest";
import { lcsLength, rougeL, rougeTokenize } from "./rouge-l.js";

// Expected values from rouge-score's tests (github.com/google-research/google-research,
// rouge/rouge_scorer_test.py; the two long lines are rouge/testdata/target.txt and prediction.txt,
// lines 1–2, whose scores there come from the official ROUGE-1.5.5).

const TARGET_0 =
  "ZfbCUIUuePaiLVUlCaUXxkpu XPeWing tUHfPMuZ',-Xd Y BrUgVJing M-HV.-DgdDaY.rFDJCRing Ht-LM EKBDXkME,yz'RBr q'wtion wIojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxer tKM L\n";
const PREDICTION_0 = "rFDJCRtion Ht-LM EKtDXkME,yz'RBr q'wer wrojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxi\n";
const TARGET_1 =
  "KsJdPByEtAor fE-Qg Dpdbring cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMtion psing sbKao Q m qiing LMmer HqqLFXe,XPY,J XsurkMer ,ed nB'wH'bWVHjWFEing tQ.saefZwJtKrTlixYpMMsJing UCAPwNHeYVjDing c T BUySKtion gMPfJpwGw p'NvxAoping eu pBwMBKV'I DNxqelhu,PHPxDEq,mtion SN\n";
const PREDICTION_1 =
  "n cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMer pstion sbKao Q m qier LMmed HqqLFXe,XPY,J XsurkMeo ,ed nB'wH'bWVHjWFEer tQ.saefZwJtKrTlixYpMMNJtion UCAPwNHeYVjD\n";

describe("ROUGE-L (rouge-score)", () => {
  it("testRougeLConsecutive and testRougeLNonConsecutive", () => {
    for (const prediction of ["testing one", "testing two"]) {
      const s = rougeL("testing one two", prediction);
      expect(s.precision).toBeCloseTo(1, 10);
      expect(s.recall).toBeCloseTo(2 / 3, 10);
      expect(s.fmeasure).toBeCloseTo(4 / 5, 10);
    }
  });

  it("testRougeEmpty: an empty prediction scores 0", () => {
    expect(rougeL("testing one two", "")).toEqual({ precision: 0, recall: 0, fmeasure: 0 });
  });

  it("testRougeLAgainstRouge155", () => {
    const a = rougeL(TARGET_0, PREDICTION_0);
    expect(a.recall).toBeCloseTo(0.40741, 5);
    expect(a.precision).toBeCloseTo(0.6875, 5);
    expect(a.fmeasure).toBeCloseTo(0.51163, 5);
    const b = rougeL(TARGET_1, PREDICTION_1);
    expect(b.recall).toBeCloseTo(0.40476, 5);
    expect(b.precision).toBeCloseTo(0.65385, 5);
    expect(b.fmeasure).toBeCloseTo(0.5, 5);
  });

  it("tokenizes like rouge-score: lowercase, only a–z and 0–9 make tokens", () => {
    expect(rougeTokenize("Hello, WORLD! it's 3.14 — café")).toEqual([
      "hello",
      "world",
      "it",
      "s",
      "3",
      "14",
      "caf",
    ]);
    expect(rougeTokenize("/")).toEqual([]);
  });

  it("testLcsTable: LCS of [1..5] and [2,5,3,4] is 3, of disjoint lists 0", () => {
    expect(lcsLength(["1", "2", "3", "4", "5"], ["2", "5", "3", "4"])).toBe(3);
    expect(lcsLength(["1", "2", "3", "4", "5"], ["8", "9"])).toBe(0);
  });
});
