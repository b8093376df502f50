import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { corpusBleu, sentenceBleu } from "./bleu.js";
import { corpusChrf, sentenceChrf } from "./chrf.js";
import { rougeL } from "./rouge-l.js";
import { tokenize13a } from "./tokenize-13a.js";

/**
 * Our BLEU, chrF, 13a tokenizer and ROUGE-L against values computed by sacreBLEU 2.6.0 itself and
 * torchmetrics' ROUGE-L (a port of rouge-score) on twenty-odd pairs chosen to stress the tokenizer
 * (punctuation, numbers, dashes, quotes, accents), the brevity penalty, empty and identical answers.
 * The values were produced by `reference/make-reference.py` on a machine that has those libraries.
 */
interface Reference {
  sacrebleu_version: string;
  sentence: { hypothesis: string; reference: string; bleu: number; chrf: number; tokens_13a: string }[];
  corpus: { bleu: number; chrf: number };
  rouge_l?: { hypothesis: string; reference: string; f1: number; precision: number; recall: number }[];
}
const ref: Reference = JSON.parse(
  readFileSync(new URL("./reference/reference-values.json", import.meta.url), "utf8"),
);

describe("metrics against sacreBLEU 2.6.0 and rouge-score's ROUGE-L, computed by those libraries", () => {
  it("the 13a tokenizer splits every pair as sacreBLEU does", () => {
    for (const s of ref.sentence) expect(tokenize13a(s.hypothesis), s.hypothesis).toBe(s.tokens_13a);
  });

  it("sentence BLEU and chrF match to 1e-6 on every pair", () => {
    for (const s of ref.sentence) {
      expect(sentenceBleu(s.hypothesis, [s.reference]), `BLEU ${s.hypothesis}`).toBeCloseTo(s.bleu, 6);
      expect(sentenceChrf(s.hypothesis, [s.reference]), `chrF ${s.hypothesis}`).toBeCloseTo(s.chrf, 6);
    }
  });

  it("corpus BLEU and chrF over all pairs match", () => {
    const hyps = ref.sentence.map((s) => s.hypothesis);
    const refs = [ref.sentence.map((s) => s.reference)];
    expect(corpusBleu(hyps, refs)).toBeCloseTo(ref.corpus.bleu, 6);
    expect(corpusChrf(hyps, refs)).toBeCloseTo(ref.corpus.chrf, 6);
  });

  it("ROUGE-L precision, recall and F1 match (0–1)", () => {
    expect(ref.rouge_l?.length).toBeGreaterThan(10);
    for (const r of ref.rouge_l ?? []) {
      // torchmetrics' call is (preds, target); rouge-score's is (target, prediction).
      const ours = rougeL(r.reference, r.hypothesis);
      expect(ours.fmeasure, `${r.hypothesis} | ${r.reference}`).toBeCloseTo(r.f1, 5);
      expect(ours.precision).toBeCloseTo(r.precision, 5);
      expect(ours.recall).toBeCloseTo(r.recall, 5);
    }
  });
});
