import { describe, expect, it } from "vitest";
import { CountDistribution } from "./count-distribution.js";

const nearestRank = (sorted: number[], q: number) => sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;

/** Deterministic pseudo-random integers (LCG), skewed like token counts. */
function* counts(n: number, spread: number, seed = 42) {
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const u = s / 2 ** 32;
    yield Math.floor(spread * u * u * u);
  }
}

describe("CountDistribution", () => {
  it("gives exact nearest-rank quantiles, mean and max while distinct values are few", () => {
    const d = new CountDistribution();
    const all = [...counts(50_000, 4_000)];
    for (const v of all) d.add(v);
    const sorted = [...all].sort((a, b) => a - b);
    const s = d.summary();
    expect(s.exact).toBe(true);
    expect(s.p50).toBe(nearestRank(sorted, 0.5));
    expect(s.p95).toBe(nearestRank(sorted, 0.95));
    expect(s.max).toBe(sorted.at(-1));
    expect(s.min).toBe(sorted[0]);
    expect(s.sum).toBe(all.reduce((a, b) => a + b, 0));
  });

  it("folds into 1% bins past the distinct-value limit: quantiles within 0.5%, max exact", () => {
    const d = new CountDistribution(1_000);
    const all = [...counts(100_000, 1_000_000, 7)];
    for (const v of all) d.add(v);
    const sorted = [...all].sort((a, b) => a - b);
    const s = d.summary();
    expect(s.exact).toBe(false);
    for (const [got, q] of [
      [s.p50, 0.5],
      [s.p95, 0.95],
    ] as const) {
      const want = nearestRank(sorted, q);
      expect(Math.abs(got - want) / want).toBeLessThanOrEqual(0.0051);
    }
    expect(s.max).toBe(sorted.at(-1));
  });

  it("answers zeros when empty", () => {
    expect(new CountDistribution().summary()).toMatchObject({
      rows: 0,
      mean: 0,
      p50: 0,
      p95: 0,
      max: 0,
      min: 0,
    });
  });
});
