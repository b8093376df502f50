import { describe, expect, it } from "vitest";
import { planSplit, splitPart, splitRows, validationSize } from "./split-dataset.js";
import { chunked, jsonl } from "./test-helpers.js";

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ text: `row ${i}` }));
const source = (n: number) => () => [chunked(`${jsonl("{bad", ...rows(n))}\n`, 256)];
const lines = async (it: AsyncIterable<Uint8Array>) => {
  const out: string[] = [];
  for await (const c of it) out.push(new TextDecoder().decode(c));
  return out.join("").split("\n").filter(Boolean);
};

describe("split", () => {
  it("same seed, same rows; another seed, other rows", async () => {
    const a = await planSplit(source(1000), { validationRatio: 0.1, seed: 7 });
    const b = await planSplit(source(1000), { validationRatio: 0.1, seed: 7, rows: 1000 });
    const c = await planSplit(source(1000), { validationRatio: 0.1, seed: "other" });
    expect([...a.selected]).toEqual([...b.selected]);
    expect([...a.selected]).not.toEqual([...c.selected]);
    const v1 = await lines(splitPart(source(1000), a, "validation"));
    const v2 = await lines(splitPart(source(1000), b, "validation"));
    expect(v1).toEqual(v2);
  });

  it("respects the ratio within one row, and train + validation are the valid rows, disjoint, in file order", async () => {
    for (const [n, ratio] of [
      [1000, 0.1],
      [999, 0.25],
      [10, 0.8],
      [7, 0.5],
      [3, 0.01],
    ] as const) {
      const plan = await planSplit(source(n), { validationRatio: ratio, seed: 1 });
      expect(Math.abs(plan.validation - n * ratio)).toBeLessThanOrEqual(1);
      expect(plan.train + plan.validation).toBe(n);
      const train = await lines(splitPart(source(n), plan, "train"));
      const validation = await lines(splitPart(source(n), plan, "validation"));
      expect(train).toHaveLength(plan.train);
      expect(validation).toHaveLength(plan.validation);
      const all = new Set([...train, ...validation]);
      expect(all.size).toBe(n);
      const order = (l: string) => Number(JSON.parse(l).text.split(" ")[1]);
      expect(train.map(order)).toEqual([...train.map(order)].sort((x, y) => x - y));
    }
  });

  it("tags every row with its part in one pass", async () => {
    const plan = await planSplit(source(50), { validationRatio: 0.2, seed: 3 });
    const parts: string[] = [];
    for await (const { part } of splitRows(source(50), plan)) parts.push(part);
    expect(parts.filter((p) => p === "validation")).toHaveLength(10);
  });

  it("refuses a plan whose row count no longer matches the files", async () => {
    await expect(planSplit(source(10), { validationRatio: 0.5, seed: 1, rows: 11 })).rejects.toThrow(
      /11 valid rows/,
    );
    expect(() => validationSize(10, 1.5)).toThrow(RangeError);
  });
});
