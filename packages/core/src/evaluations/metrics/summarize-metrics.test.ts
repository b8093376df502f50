import type { MetricConfig } from "@infera/contracts";
import { describe, expect, it } from "vitest";
import { corpusBleu } from "./bleu.js";
import { bootstrap, bootstrapSums, meanInterval, pairedDeltaInterval, seededRandom } from "./bootstrap.js";
import { CHRF_STATS_WIDTH, chrfFromStatistics, corpusChrf } from "./chrf.js";
import { scoreSample } from "./score-sample.js";
import {
  pairedMetricDeltas,
  type ScoredSample,
  summarizeMetrics,
  summarizeSlices,
} from "./summarize-metrics.js";
import { summarySentence } from "./summary-sentence.js";
import { winRateInterval } from "./win-rate-interval.js";

const bernoulli = (n: number, p: number, seed: number) => {
  const r = seededRandom(seed);
  return Array.from({ length: n }, (): number => (r() < p ? 1 : 0));
};

describe("bootstrap intervals", () => {
  it("are reproducible with a seed and change with another seed", () => {
    const scores = bernoulli(200, 0.7, 1);
    const a = meanInterval(scores, { seed: 42 });
    expect(meanInterval(scores, { seed: 42 })).toEqual(a);
    const b = meanInterval(scores, { seed: 43 });
    expect([b.ci_low, b.ci_high]).not.toEqual([a.ci_low, a.ci_high]);
    expect(a.value).toBe(scores.reduce((s, x) => s + x, 0) / 200);
    expect(a.ci_low!).toBeLessThan(a.value!);
    expect(a.ci_high!).toBeGreaterThan(a.value!);
    expect(a.n).toBe(200);
  });

  it("the fast sums path draws the same resamples as the generic one", () => {
    const scores = bernoulli(50, 0.4, 2);
    const generic = bootstrap(50, (ix) => ix.reduce((s, i) => s + scores[i]!, 0) / ix.length, { seed: 7 });
    const fast = bootstrapSums(Float64Array.from(scores), 1, (s) => s[0]! / 50, { seed: 7 });
    expect(fast.ci_low).toBeCloseTo(generic.ci_low!, 12);
    expect(fast.ci_high).toBeCloseTo(generic.ci_high!, 12);
  });

  it("cover the true mean about 95 % of the time in a simulated case", () => {
    // 200 datasets of 200 draws from Bernoulli(0.3): a 95 % interval should miss ~10 times.
    let covered = 0;
    for (let d = 0; d < 200; d++) {
      const i = meanInterval(bernoulli(200, 0.3, 1000 + d), { seed: d, resamples: 500 });
      if (i.ci_low! <= 0.3 && 0.3 <= i.ci_high!) covered++;
    }
    expect(covered / 200).toBeGreaterThan(0.88);
    expect(covered / 200).toBeLessThan(0.995);
  });

  it("are empty, not thrown, without samples; missing scores are left out", () => {
    expect(meanInterval([], { seed: 1 })).toEqual({ value: null, ci_low: null, ci_high: null, n: 0 });
    expect(meanInterval([1, null, Number.NaN, 0, undefined], { seed: 1 })).toMatchObject({
      value: 0.5,
      n: 2,
    });
  });

  it("paired deltas drop pairs with a missing side and tolerate different lengths", () => {
    const d = pairedDeltaInterval([1, 1, null, 0, 1], [0, 1, 1, Number.NaN], { seed: 3 });
    // Pairs used: (1,0), (1,1); index 3 has NaN, index 4 has no b.
    expect(d).toMatchObject({ value: 0.5, n: 2 });
    expect(pairedDeltaInterval([], [], { seed: 3 }).value).toBeNull();
    const same = pairedDeltaInterval([1, 0, 1], [1, 0, 1], { seed: 3 });
    expect(same).toEqual({ value: 0, ci_low: 0, ci_high: 0, n: 3 });
  });
});

describe("winRateInterval", () => {
  it("counts ties as half and is reproducible", () => {
    expect(winRateInterval([1, 0, 0.5, 0.5], { seed: 1 }).value).toBe(0.5);
    expect(winRateInterval([1, 1, 0.5, 0], { seed: 1 }).value).toBe(0.625);
    const outcomes = [...bernoulli(80, 0.6, 9), ...Array<0.5>(20).fill(0.5)] as (0 | 1 | 0.5)[];
    const w = winRateInterval(outcomes, { seed: 5 });
    expect(winRateInterval(outcomes, { seed: 5 })).toEqual(w);
    expect(w.n).toBe(100);
    expect(w.ci_low!).toBeLessThan(w.value!);
    expect(w.ci_high!).toBeGreaterThan(w.value!);
    expect(winRateInterval([], { seed: 1 }).value).toBeNull();
  });
});

const texts = [
  ["The dog bit the man.", "The dog bit the man."],
  ["It wasn't surprising.", "It was not unexpected."],
  ["The man had just bitten him.", "The man bit him first."],
  ["A cat sat on the mat.", "The cat sat on the mat."],
  ["Hello there", "Hi there, friend"],
] as const;
const metrics: MetricConfig[] = [
  { name: "exact_match" },
  { name: "bleu" },
  { name: "chrf" },
  { name: "rouge_l" },
];
const scored = (rows: readonly (readonly [string, string])[]): ScoredSample[] =>
  rows.map(([output, reference]) => ({
    output,
    reference,
    scores: scoreSample(metrics, { output, reference }),
  }));

describe("summarizeMetrics", () => {
  it("reports corpus BLEU and chrF, and the mean of per-sample metrics", () => {
    const samples = scored(texts);
    const s = summarizeMetrics(samples, metrics, { seed: 42 });
    const hyps = texts.map((t) => t[0]);
    const refs = texts.map((t) => t[1]);
    expect(s.bleu!.value).toBeCloseTo(corpusBleu(hyps, [refs]), 10);
    expect(s.chrf!.value).toBeCloseTo(corpusChrf(hyps, [refs]), 10);
    const meanSentenceBleu = samples.reduce((a, x) => a + x.scores.bleu!, 0) / samples.length;
    expect(Math.abs(s.bleu!.value! - meanSentenceBleu)).toBeGreaterThan(1);
    expect(s.exact_match).toMatchObject({ value: 0.2, n: 5 });
    expect(s.bleu!.ci_low!).toBeLessThanOrEqual(s.bleu!.value!);
    expect(s.bleu!.ci_high!).toBeGreaterThanOrEqual(s.bleu!.value!);
    expect(summarizeMetrics(samples, metrics, { seed: 42 })).toEqual(s);
  });

  it("summarizes latency_ms and completion_tokens as means, and skips samples without an output", () => {
    const samples: ScoredSample[] = [
      { output: "a", reference: "a", scores: { latency_ms: 100, completion_tokens: 3 } },
      { output: "b", reference: "a", scores: { latency_ms: 300, completion_tokens: 5 } },
      { output: null, reference: "a", scores: {} },
    ];
    const s = summarizeMetrics(samples, [{ name: "bleu" }], { seed: 1 });
    expect(s.latency_ms).toMatchObject({ value: 200, n: 2 });
    expect(s.completion_tokens).toMatchObject({ value: 4, n: 2 });
    expect(s.bleu!.n).toBe(2);
  });

  it("resamples 10,000 samples 1,000 times in well under a second", () => {
    const random = seededRandom(11);
    const n = 10_000;
    const rows = new Float64Array(n * CHRF_STATS_WIDTH);
    for (let i = 0; i < rows.length; i += 3) {
      rows[i] = 20 + Math.floor(random() * 20);
      rows[i + 1] = 20 + Math.floor(random() * 20);
      rows[i + 2] = Math.floor(random() * 20);
    }
    // CPU time, not wall time: the test machine may be shared, the bound is about the work.
    const start = process.cpuUsage();
    const interval = bootstrapSums(rows, CHRF_STATS_WIDTH, (s) => chrfFromStatistics(s), { seed: 1 });
    const used = process.cpuUsage(start);
    expect(interval.n).toBe(n);
    expect((used.user + used.system) / 1000).toBeLessThan(1000);
  });
});

describe("summarizeSlices and pairedMetricDeltas", () => {
  it("summarize each slice value on its own samples", () => {
    const samples = scored(texts).map((s, i) => ({ ...s, slice: i < 2 ? "easy" : i < 4 ? "hard" : null }));
    const slices = summarizeSlices(samples, metrics, { seed: 42 });
    expect(Object.keys(slices)).toEqual(["(none)", "easy", "hard"]);
    expect(slices.easy!.exact_match).toMatchObject({ value: 0.5, n: 2 });
    expect(slices.hard!.bleu!.value).toBeCloseTo(
      corpusBleu([texts[2][0], texts[3][0]], [[texts[2][1], texts[3][1]]]),
      10,
    );
  });

  it("pair the same samples of two targets", () => {
    const a = scored(texts);
    const b = scored(texts.map(([, ref]) => [ref, ref] as const));
    const d = pairedMetricDeltas(b, a, metrics, { seed: 42 });
    expect(d.exact_match).toMatchObject({ value: 0.8, n: 5 });
    expect(d.bleu!.value).toBeCloseTo(
      100 -
        corpusBleu(
          texts.map((t) => t[0]),
          [texts.map((t) => t[1])],
        ),
      10,
    );
    expect(d.bleu!.ci_low!).toBeGreaterThan(0);
  });
});

describe("summarySentence", () => {
  const m = (value: number | null, ci_low: number | null, ci_high: number | null, n: number) => ({
    value,
    ci_low,
    ci_high,
    n,
  });

  it("states one target's metric with its interval", () => {
    expect(summarySentence({ a: { exact_match: m(0.92, 0.88, 0.95, 200) } }, "automatic")).toBe(
      "exact match 0.92 [0.88, 0.95] on 200 samples",
    );
    expect(
      summarySentence({ a: { latency_ms: m(120, 110, 130, 5), bleu: m(31.234, 28, 34.5, 5) } }, "automatic"),
    ).toBe("BLEU 31.2 [28.0, 34.5] on 5 samples");
    expect(summarySentence({ a: { exact_match: m(null, null, null, 0) } }, "automatic")).toBe(
      "no sample was scored for exact match",
    );
  });

  it("says who wins by the paired interval, or that it is within noise", () => {
    const summary = {
      a: { exact_match: m(0.05, 0.02, 0.08, 200) },
      b: { exact_match: m(0.91, 0.87, 0.95, 200) },
    };
    expect(
      summarySentence(summary, "side_by_side", { deltas: { exact_match: m(-0.86, -0.91, -0.8, 200) } }),
    ).toBe("B beats A on exact match by 0.86 [0.80, 0.91] on 200 samples");
    expect(summarySentence(summary, "gate", { deltas: { exact_match: m(0.01, -0.02, 0.04, 200) } })).toBe(
      "candidate and prod are within noise on exact match: candidate ahead by 0.01 [-0.02, 0.04] on 200 samples",
    );
    // Lower is better for latency: a negative a − b means A wins.
    expect(
      summarySentence(
        { a: { latency_ms: m(100, 90, 110, 50) }, b: { latency_ms: m(150, 140, 160, 50) } },
        "side_by_side",
        { metric: "latency_ms", deltas: { latency_ms: m(-50, -60, -40, 50) } },
      ),
    ).toBe("A beats B on latency by 50 ms [40 ms, 60 ms] on 50 samples");
    expect(summarySentence(summary, "side_by_side")).toBe(
      "A 0.05 [0.02, 0.08] vs B 0.91 [0.87, 0.95] on exact match (200 samples)",
    );
  });
});
