import { histogramQuantile, parseReplicaMetrics } from "@infera/core";
import { describe, expect, it } from "vitest";
import { ReplicaMetrics } from "./replica-metrics.js";

/** The platform's scrape reads exactly what a replica writes: the two sides of one text format. */
describe("a replica's /metrics as the platform's scrape parses it", () => {
  it("counts inference requests and 5xx errors, tokens, gauges and the three histograms", () => {
    const m = new ReplicaMetrics();
    m.countRequest("/v1/chat/completions", 200);
    m.countRequest("/v1/chat/completions", 200);
    m.countRequest("/v1/completions", 500);
    m.countRequest("/v1/embeddings", 400);
    m.countRequest("/v1/models", 200);
    m.countRequest("other", 404);
    m.inFlight = 2;
    m.promptTokens = 120;
    m.generatedTokens = 45;
    for (const s of [0.02, 0.04, 0.3, 0.7]) m.duration.observe(s);
    m.ttft.observe(0.03);
    m.tpot.observe(0.004);
    const sample = parseReplicaMetrics(m.render({ queueDepth: 3, parallel: 2, ready: true }));
    expect(sample).toMatchObject({
      requests: 4,
      errors: 1,
      promptTokens: 120,
      generatedTokens: 45,
      inFlight: 2,
      queueDepth: 3,
    });
    expect(sample.duration.counts.at(-1)).toBe(4);
    expect(sample.duration.bounds[0]).toBe(0.005);
    expect(sample.duration.sum).toBeCloseTo(1.06);
    expect(sample.ttft.counts.at(-1)).toBe(1);
    expect(sample.tpot.counts.at(-1)).toBe(1);
    // p50 of {0.02, 0.04, 0.3, 0.7} lies in the (0.025, 0.05] bucket.
    const p50 = histogramQuantile(0.5, sample.duration)!;
    expect(p50).toBeGreaterThan(0.025);
    expect(p50).toBeLessThanOrEqual(0.05);
    expect(histogramQuantile(0.99, sample.duration)).toBeGreaterThan(0.5);
    expect(histogramQuantile(0.5, { bounds: [1], counts: [0, 0], sum: 0 })).toBeNull();
  });

  it("refuses an answer that is not a replica's", () => {
    expect(() => parseReplicaMetrics("# nothing here\nup 1\n")).toThrow(/not an infera-serve/);
  });
});
