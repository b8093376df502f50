import { describe, expect, it } from "vitest";
import { winRateInterval } from "../metrics/win-rate-interval.js";
import { promptOutcomes } from "./prompt-outcomes.js";

describe("promptOutcomes: a prompt goes to the side more than half of its raters chose", () => {
  it("decides by strict majority; ties and split votes are draws worth half", () => {
    const votes = [
      { index: 2, winner: "a" as const },
      { index: 0, winner: "b" as const },
      { index: 0, winner: "b" as const },
      { index: 0, winner: "a" as const },
      { index: 1, winner: "a" as const },
      { index: 1, winner: "b" as const },
      { index: 3, winner: "tie" as const },
      { index: 4, winner: "a" as const },
      { index: 4, winner: "tie" as const },
    ];
    expect(promptOutcomes(votes).map((p) => [p.index, p.ratings, p.winner, p.outcome])).toEqual([
      [0, 3, "b", 0],
      [1, 2, null, 0.5],
      [2, 1, "a", 1],
      [3, 1, null, 0.5],
      [4, 2, null, 0.5],
    ]);
  });
});

describe("winRateInterval", () => {
  it("is the mean of the outcomes with a seeded interval: same seed, same interval", () => {
    const outcomes = [1, 1, 0, 0.5, 1, 0, 1, 1, 0.5, 1] as const;
    const a = winRateInterval(outcomes, { seed: 3 });
    expect(a.value).toBeCloseTo(7 / 10, 12);
    expect(winRateInterval(outcomes, { seed: 3 })).toEqual(a);
    expect(a.ci_low!).toBeLessThan(a.value!);
    expect(a.ci_high!).toBeGreaterThan(a.value!);
    expect(a.ci_low!).toBeGreaterThanOrEqual(0);
    expect(a.ci_high!).toBeLessThanOrEqual(1);
    const others = [4, 5, 6, 7].map((seed) => winRateInterval(outcomes, { seed }));
    expect(others.some((o) => o.ci_low !== a.ci_low || o.ci_high !== a.ci_high)).toBe(true);
    expect(winRateInterval([], { seed: 1 })).toEqual({ value: null, ci_low: null, ci_high: null, n: 0 });
  });
});
