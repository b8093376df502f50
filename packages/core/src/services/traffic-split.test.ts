import { describe, expect, it } from "vitest";
import { canarySplit, normalizeWeights } from "./traffic-split.js";

const s = (...p: number[]) => p.map((percent, i) => ({ revisionId: `r${i}`, percent }));
const percents = (x: { percent: number }[]) => x.map((y) => y.percent);

describe("traffic split", () => {
  it("normalizes to whole percents summing to 100 by largest remainders", () => {
    expect(percents(normalizeWeights(s(1, 1, 1)))).toEqual([34, 33, 33]);
    expect(percents(normalizeWeights(s(10, 30)))).toEqual([25, 75]);
    expect(percents(normalizeWeights(s(50, 0, 70)))).toEqual([42, 0, 58]);
    expect(percents(normalizeWeights(s(0, 0)))).toEqual([0, 0]);
  });

  it("a canary takes its weight from the current split in proportion", () => {
    expect(percents(canarySplit(s(100), "new", 10)!)).toEqual([90, 10]);
    expect(percents(canarySplit(s(90, 10, 0), "new", 10)!)).toEqual([81, 9, 10]);
    expect(canarySplit(s(0, 0), "new", 10)).toBeNull();
  });
});
