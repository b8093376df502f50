import { describe, expect, it } from "vitest";
import { USAGE_LATENCY_BUCKETS_MS, usageLatencyBucket, usageLatencyPercentile } from "./usage.js";

describe("usage latency histogram", () => {
  it("puts a latency in the first bucket whose bound it does not exceed, past the last in the overflow", () => {
    expect(usageLatencyBucket(0)).toBe(0);
    expect(usageLatencyBucket(10)).toBe(0);
    expect(usageLatencyBucket(10.5)).toBe(1);
    expect(usageLatencyBucket(5000)).toBe(USAGE_LATENCY_BUCKETS_MS.indexOf(5000));
    expect(usageLatencyBucket(1e9)).toBe(USAGE_LATENCY_BUCKETS_MS.length);
  });

  it("estimates a percentile inside the bucket where the running count reaches it", () => {
    const counts = new Array(USAGE_LATENCY_BUCKETS_MS.length + 1).fill(0);
    // 90 calls in (50, 100] ms, 10 in (250, 500] ms.
    counts[usageLatencyBucket(80)] = 90;
    counts[usageLatencyBucket(300)] = 10;
    expect(usageLatencyPercentile(counts, 0.5, 400)).toBeCloseTo(50 + (50 / 90) * 50);
    expect(usageLatencyPercentile(counts, 0.95, 400)).toBeCloseTo(250 + 0.5 * 250);
    // Never above the largest latency seen.
    expect(usageLatencyPercentile(counts, 0.99, 320)).toBe(320);
    expect(usageLatencyPercentile(new Array(14).fill(0), 0.95, 0)).toBeNull();
    counts[USAGE_LATENCY_BUCKETS_MS.length] = 1000;
    expect(usageLatencyPercentile(counts, 0.99, 200_000)).toBe(200_000);
  });
});
