import { describe, expect, it } from "vitest";
import { groupRow, point, serviceReport } from "./test/fixtures";
import { usageChartOption } from "./usage-charts";

const names = { other: "Other", avg: "avg", p95: "p95", none: "(none)" };
const formats = { count: String, cost: String, ms: String };
type Series = { name: string; stack?: string; type: string; data: [number, number | null][] };
const seriesOf = (option: object) => (option as { series: Series[] }).series;
const t = (iso: string) => Date.parse(iso);

describe("usage charts", () => {
  it("stacks requests by group, each bucket's sum per group, oldest first", () => {
    const series = seriesOf(usageChartOption("requests", serviceReport(), names, formats));
    expect(series.map((s) => [s.name, s.stack])).toEqual([
      ["chat-assistant", "requests"],
      ["embedder", "requests"],
    ]);
    expect(series[0]?.data).toEqual([
      [t("2026-12-04T08:00:00.000Z"), 20],
      [t("2026-12-04T09:00:00.000Z"), 10],
    ]);
  });

  it("adds the groups past the eighth up as Other", () => {
    const groups = Array.from({ length: 10 }, (_, i) => groupRow(`svc_${i}`, `service-${i}`));
    const series = Array.from({ length: 10 }, (_, i) =>
      point("2026-12-04T09:00:00.000Z", `svc_${i}`, { total_tokens: 100 + i }),
    );
    const stacked = seriesOf(usageChartOption("tokens", serviceReport({ groups, series }), names, formats));
    expect(stacked).toHaveLength(9);
    expect(stacked.at(-1)).toMatchObject({
      name: "Other",
      data: [[t("2026-12-04T09:00:00.000Z"), 108 + 109]],
    });
  });

  it("draws latency per group, average and p95, without stacking", () => {
    const series = seriesOf(usageChartOption("latency", serviceReport(), names, formats));
    expect(series.map((s) => s.name)).toEqual([
      "chat-assistant · avg",
      "chat-assistant · p95",
      "embedder · avg",
      "embedder · p95",
    ]);
    expect(series.every((s) => s.stack === undefined)).toBe(true);
  });

  it("stacks status codes as bars per code", () => {
    const series = seriesOf(usageChartOption("statusCodes", serviceReport(), names, formats));
    expect(series.map((s) => [s.name, s.type])).toEqual([
      ["200", "bar"],
      ["429", "bar"],
      ["500", "bar"],
    ]);
    expect(series[0]?.data).toEqual([
      [t("2026-12-04T08:00:00.000Z"), 19],
      [t("2026-12-04T09:00:00.000Z"), 19],
    ]);
  });
});
