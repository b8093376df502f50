import type { UsageFigures, UsageReport } from "@infera/contracts";
import type { EChartOption } from "../../components/charts/echart";

export type UsageChartKey = "tokens" | "cost" | "requests" | "latency" | "statusCodes";
export const USAGE_CHARTS: readonly UsageChartKey[] = [
  "tokens",
  "cost",
  "requests",
  "latency",
  "statusCodes",
];

/** Stacked charts show this many groups and add the rest up as "other"; latency lines show fewer. */
const STACKED_GROUPS = 8;
const LATENCY_GROUPS = 4;
const COLORS = ["#1677ff", "#fa8c16", "#722ed1", "#52c41a", "#eb2f96", "#13c2c2", "#fadb14", "#a0d911"];
const OTHER = "\u0000other";

export interface ChartNames {
  other: string;
  avg: string;
  p95: string;
  /** What a group without an id is called (a playground call has no key). */
  none: string;
}

type Additive = "total_tokens" | "cost_estimate" | "requests";

function labelsOf(report: UsageReport, names: ChartNames) {
  const labels = new Map<string | null, string>();
  for (const g of report.groups) labels.set(g.group, g.label || names.none);
  return (group: string | null) => labels.get(group) ?? group ?? names.none;
}

function base(report: UsageReport, valueFormat: (v: number) => string): EChartOption {
  return {
    animation: false,
    grid: { left: 64, right: 16, top: 40, bottom: 32 },
    legend: { top: 0, type: "scroll" },
    tooltip: {
      trigger: "axis",
      valueFormatter: (v: unknown) => (typeof v === "number" ? valueFormat(v) : "—"),
    },
    xAxis: { type: "time", min: Date.parse(report.from), max: Date.parse(report.to) },
    yAxis: { type: "value", min: 0, axisLabel: { formatter: (v: number) => valueFormat(v) } },
  };
}

/** One figure per bucket and group, stacked: the first groups by requests, the rest as "other". */
function stackedOption(
  report: UsageReport,
  field: Additive,
  names: ChartNames,
  valueFormat: (v: number) => string,
): EChartOption {
  const label = labelsOf(report, names);
  const shown = new Set(report.groups.slice(0, STACKED_GROUPS).map((g) => g.group));
  const byGroup = new Map<string | null, Map<number, number>>();
  for (const p of report.series) {
    const key = shown.has(p.group) ? p.group : OTHER;
    const points = byGroup.get(key) ?? new Map<number, number>();
    const time = Date.parse(p.time);
    points.set(time, (points.get(time) ?? 0) + p[field]);
    byGroup.set(key, points);
  }
  const order = [...report.groups.slice(0, STACKED_GROUPS).map((g) => g.group), OTHER];
  const series = order
    .filter((g) => byGroup.has(g))
    .map((g, i) => {
      const points = [...(byGroup.get(g) ?? new Map<number, number>())].sort((a, b) => a[0] - b[0]);
      return {
        name: g === OTHER ? names.other : label(g),
        type: "line",
        stack: field,
        areaStyle: { opacity: 0.3 },
        color: COLORS[i % COLORS.length],
        showSymbol: points.length < 3,
        data: points,
      };
    });
  return { ...base(report, valueFormat), series };
}

/** Average (solid) and p95 (dashed) latency of the first groups: percentiles do not add up. */
function latencyOption(report: UsageReport, names: ChartNames, valueFormat: (v: number) => string) {
  const label = labelsOf(report, names);
  const shown = report.groups.slice(0, LATENCY_GROUPS).map((g) => g.group);
  const series = shown.flatMap((g, i) => {
    const points = report.series
      .filter((p) => p.group === g)
      .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
    const line = (suffix: string, field: keyof Pick<UsageFigures, "latency_avg_ms" | "latency_p95_ms">) => ({
      name: `${label(g)} · ${suffix}`,
      type: "line",
      color: COLORS[i % COLORS.length],
      showSymbol: points.length < 3,
      lineStyle: { type: field === "latency_p95_ms" ? "dashed" : "solid" },
      data: points.map((p) => [Date.parse(p.time), p[field]]),
    });
    return [line(names.avg, "latency_avg_ms"), line(names.p95, "latency_p95_ms")];
  });
  return { ...base(report, valueFormat), series };
}

const STATUS_COLORS: Record<string, string> = {
  "2": "#52c41a",
  "3": "#13c2c2",
  "4": "#fa8c16",
  "5": "#f5222d",
};

/** Requests per bucket and status code as stacked bars, whatever the grouping. */
function statusCodesOption(report: UsageReport, valueFormat: (v: number) => string): EChartOption {
  const codes = [...new Set(report.status_codes.map((s) => s.status_code))].sort((a, b) => a - b);
  const series = codes.map((code) => ({
    name: String(code),
    type: "bar",
    stack: "status",
    color: STATUS_COLORS[String(code)[0] ?? ""] ?? "#8c8c8c",
    barMaxWidth: 24,
    data: report.status_codes
      .filter((s) => s.status_code === code)
      .map((s) => [Date.parse(s.time), s.requests])
      .sort((a, b) => (a[0] as number) - (b[0] as number)),
  }));
  return { ...base(report, valueFormat), series };
}

export interface ChartFormats {
  count: (v: number) => string;
  cost: (v: number) => string;
  ms: (v: number) => string;
}

/** The ECharts option of one of the usage page's charts. */
export function usageChartOption(
  key: UsageChartKey,
  report: UsageReport,
  names: ChartNames,
  formats: ChartFormats,
): EChartOption {
  if (key === "tokens") return stackedOption(report, "total_tokens", names, formats.count);
  if (key === "cost") return stackedOption(report, "cost_estimate", names, formats.cost);
  if (key === "requests") return stackedOption(report, "requests", names, formats.count);
  if (key === "latency") return latencyOption(report, names, formats.ms);
  return statusCodesOption(report, formats.count);
}
