import { SummarySentenceParts } from "@infera/contracts";
import { describe, expect, it } from "vitest";
import { renderSummarySentence, summarySentence, summarySentenceParts } from "./summary-sentence.js";

const m = (value: number | null, ci_low: number | null, ci_high: number | null, n: number) => ({
  value,
  ci_low,
  ci_high,
  n,
});

/** Every branch: the parts it gives and the English sentence they render to (the sentence as it always read). */
const CASES = [
  {
    name: "no metric",
    args: [{ a: {} }, "automatic", {}] as const,
    form: "no_metric",
    sentence: "no metric was computed",
  },
  {
    name: "no sample scored",
    args: [{ a: { exact_match: m(null, null, null, 0) } }, "automatic", {}] as const,
    form: "none_scored",
    sentence: "no sample was scored for exact match",
  },
  {
    name: "one value with interval",
    args: [{ a: { exact_match: m(0.92, 0.88, 0.95, 200) } }, "automatic", {}] as const,
    form: "single",
    sentence: "exact match 0.92 [0.88, 0.95] on 200 samples",
  },
  {
    name: "one value without interval, one sample",
    args: [{ a: { latency_ms: m(120.4, null, null, 1) } }, "automatic", {}] as const,
    form: "single",
    sentence: "latency 120 ms on 1 sample",
  },
  {
    name: "target a has no value",
    args: [
      { a: { exact_match: m(null, null, null, 0) }, b: { exact_match: m(0.5, 0.4, 0.6, 10) } },
      "side_by_side",
      { labels: { a: "new", b: "old" } },
    ] as const,
    form: "one_missing",
    sentence: "new has no exact match; old: exact match 0.50 [0.40, 0.60] on 10 samples",
  },
  {
    name: "target b has no value",
    args: [{ a: { bleu: m(31.25, 28, 34.5, 5) }, b: { bleu: m(null, null, null, 0) } }, "gate", {}] as const,
    form: "one_missing",
    sentence: "prod has no BLEU; candidate: BLEU 31.3 [28.0, 34.5] on 5 samples",
  },
  {
    name: "tie",
    args: [
      { a: { exact_match: m(0.5, 0.4, 0.6, 10) }, b: { exact_match: m(0.5, 0.4, 0.6, 10) } },
      "side_by_side",
      { deltas: { exact_match: m(0, -0.1, 0.1, 10) } },
    ] as const,
    form: "tie",
    sentence: "A and B tie on exact match: difference 0 [-0.10, 0.10] on 10 samples",
  },
  {
    name: "beats (higher is better)",
    args: [
      { a: { exact_match: m(0.05, 0.02, 0.08, 200) }, b: { exact_match: m(0.91, 0.87, 0.95, 200) } },
      "side_by_side",
      { deltas: { exact_match: m(-0.86, -0.91, -0.8, 200) } },
    ] as const,
    form: "beats",
    sentence: "B beats A on exact match by 0.86 [0.80, 0.91] on 200 samples",
  },
  {
    name: "beats (lower is better)",
    args: [
      { a: { latency_ms: m(100, 90, 110, 50) }, b: { latency_ms: m(150, 140, 160, 50) } },
      "side_by_side",
      { metric: "latency_ms", deltas: { latency_ms: m(-50, -60, -40, 50) } },
    ] as const,
    form: "beats",
    sentence: "A beats B on latency by 50 ms [40 ms, 60 ms] on 50 samples",
  },
  {
    name: "within noise",
    args: [
      { a: { exact_match: m(0.05, 0.02, 0.08, 200) }, b: { exact_match: m(0.91, 0.87, 0.95, 200) } },
      "gate",
      { deltas: { exact_match: m(0.01, -0.02, 0.04, 200) } },
    ] as const,
    form: "within_noise",
    sentence:
      "candidate and prod are within noise on exact match: candidate ahead by 0.01 [-0.02, 0.04] on 200 samples",
  },
  {
    name: "plain comparison",
    args: [
      { a: { exact_match: m(0.05, 0.02, 0.08, 200) }, b: { exact_match: m(0.91, 0.87, 0.95, 200) } },
      "side_by_side",
      {},
    ] as const,
    form: "versus",
    sentence: "A 0.05 [0.02, 0.08] vs B 0.91 [0.87, 0.95] on exact match (200 samples)",
  },
];

describe("summarySentenceParts", () => {
  it.each(CASES)("$name: the parts render to the English sentence", ({ args, form, sentence }) => {
    const [summary, kind, opts] = args;
    const parts = summarySentenceParts(summary, kind, opts);
    expect(parts.form).toBe(form);
    // The parts are what the contract says they are (they are stored and served as they are).
    expect(SummarySentenceParts.parse(parts)).toEqual(parts);
    expect(renderSummarySentence(parts)).toBe(sentence);
    expect(summarySentence(summary, kind, opts)).toBe(sentence);
  });

  it("keeps raw numbers and says which name is a default", () => {
    const parts = summarySentenceParts(
      { a: { latency_ms: m(100, 90, 110, 50) }, b: { latency_ms: m(150, 140, 160, 50) } },
      "gate",
      { metric: "latency_ms", labels: { b: "v7" }, deltas: { latency_ms: m(-50.25, -60, -40, 50) } },
    );
    expect(parts).toEqual({
      form: "beats",
      metric: "latency_ms",
      winner: { key: "a", label: null, default: "candidate" },
      loser: { key: "b", label: "v7", default: "prod" },
      by: { value: 50.25, ci_low: 40, ci_high: 60, n: 50 },
    });
  });
});
