import { describe, expect, it } from "vitest";
import { Rng } from "./rng.js";
import { learningRateAt } from "./schedule.js";

describe("learning-rate schedule and RNG", () => {
  const c = { learningRate: 1, totalSteps: 110, warmupSteps: 10 };
  it("warms up linearly, then decays by cosine or linearly towards 0", () => {
    expect(learningRateAt(1, { ...c, scheduler: "cosine" })).toBeCloseTo(0.1);
    expect(learningRateAt(10, { ...c, scheduler: "cosine" })).toBe(1);
    expect(learningRateAt(11, { ...c, scheduler: "cosine" })).toBe(1);
    expect(learningRateAt(61, { ...c, scheduler: "cosine" })).toBeCloseTo(0.5);
    expect(learningRateAt(61, { ...c, scheduler: "linear" })).toBeCloseTo(0.5);
    expect(learningRateAt(110, { ...c, scheduler: "linear" })).toBeCloseTo(0.01);
    expect(learningRateAt(80, { ...c, scheduler: "constant" })).toBe(1);
  });

  it("an RNG restored from its saved state continues the same sequence", () => {
    const a = new Rng(42);
    a.permutation(10);
    const b = new Rng(a.state());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(
      Array.from({ length: 5 }, () => a.nextUint32()),
    );
    expect(new Rng(42).permutation(20)).toEqual(new Rng(42).permutation(20));
    expect(new Rng(43).permutation(20)).not.toEqual(new Rng(42).permutation(20));
  });
});
