import type { ServiceGatewayMetricsPoint, ServiceMetricsPoint } from "@infera/contracts";
import type { EChartOption } from "../../../components/charts/echart";

type Field = keyof Omit<ServiceMetricsPoint, "time">;
type GatewayField = keyof Omit<ServiceGatewayMetricsPoint, "time">;
type Unit = "count" | "perSecond" | "perMinute" | "ms" | "percent" | "ratio" | "bytes";

/** One chart: the fields it draws (each a line per revision) and how its axis reads. */
export interface ServiceChartSpec {
  key:
    | "requests"
    | "successRate"
    | "latency"
    | "ttft"
    | "tpot"
    | "tokens"
    | "inFlight"
    | "coldStarts"
    | "cpu"
    | "memory"
    | "gpu";
  fields: Field[];
  unit: Unit;
}

/** A chart of what the gateway measured (usage rollups of every call), one line per revision and field. */
export interface GatewayChartSpec {
  key: "requests" | "errors" | "latency" | "tokens";
  fields: GatewayField[];
  unit: Unit;
}

export const SERVICE_CHARTS: readonly ServiceChartSpec[] = [
  { key: "requests", fields: ["qps"], unit: "perSecond" },
  { key: "successRate", fields: ["success_rate"], unit: "ratio" },
  { key: "latency", fields: ["latency_p50_ms", "latency_p95_ms", "latency_p99_ms"], unit: "ms" },
  { key: "ttft", fields: ["ttft_p50_ms", "ttft_p95_ms"], unit: "ms" },
  { key: "tpot", fields: ["tpot_p50_ms", "tpot_p95_ms"], unit: "ms" },
  { key: "tokens", fields: ["prompt_tokens_per_second", "generated_tokens_per_second"], unit: "perSecond" },
  { key: "inFlight", fields: ["in_flight"], unit: "count" },
  { key: "coldStarts", fields: ["cold_starts", "cold_start_ms"], unit: "count" },
  { key: "cpu", fields: ["cpu_percent"], unit: "percent" },
  { key: "memory", fields: ["memory_bytes", "gpu_memory_bytes"], unit: "bytes" },
  { key: "gpu", fields: ["gpu_utilization_percent"], unit: "percent" },
];

export const GATEWAY_CHARTS: readonly GatewayChartSpec[] = [
  { key: "requests", fields: ["requests_per_minute"], unit: "perMinute" },
  { key: "errors", fields: ["error_rate_4xx", "error_rate_5xx"], unit: "ratio" },
  { key: "latency", fields: ["latency_p50_ms", "latency_p95_ms"], unit: "ms" },
  { key: "tokens", fields: ["tokens_per_minute"], unit: "perMinute" },
];

const COLORS = ["#1677ff", "#fa8c16", "#722ed1", "#52c41a", "#eb2f96", "#13c2c2"];
const DASHES = ["solid", "dashed", "dotted"] as const;

function axisValue(unit: Unit, v: number): string {
  if (unit === "bytes") {
    const units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let i = 0;
    let n = v;
    while (Math.abs(n) >= 1024 && i < units.length - 1) {
      n /= 1024;
      i++;
    }
    return `${Number(n.toPrecision(3))} ${units[i]}`;
  }
  if (unit === "ratio") return `${Number((v * 100).toPrecision(4))}%`;
  if (unit === "percent") return `${Number(v.toPrecision(3))}%`;
  if (unit === "ms") return `${Number(v.toPrecision(3))} ms`;
  return String(Number(v.toPrecision(4)));
}

/**
 * The ECharts option of one chart: a line per revision and field over time (revisions by colour,
 * fields by dash), so two revisions overlay on the same axes. A chart no revision has a value for
 * answers null and is left out (no GPU on this node: no GPU chart).
 */
export function serviceChartOption<F extends string, P extends { time: string } & Record<F, unknown>>(
  spec: { key: string; fields: readonly F[]; unit: Unit },
  metrics: {
    from: string;
    to: string;
    series: readonly { revision_number: number; points: readonly P[] }[];
  },
  names: { field: (f: F) => string; revision: (n: number) => string },
): EChartOption | null {
  const series = metrics.series.flatMap((s, r) =>
    spec.fields.map((field, f) => ({
      name: `${names.revision(s.revision_number)} · ${names.field(field)}`,
      type: "line",
      data: s.points.map((p) => [Date.parse(p.time), p[field]]),
      color: COLORS[r % COLORS.length],
      showSymbol: s.points.length < 3,
      connectNulls: false,
      lineStyle: { width: 2, type: DASHES[f % DASHES.length] },
    })),
  );
  if (!series.some((s) => s.data.some(([, v]) => typeof v === "number" && v !== 0)) && spec.key === "gpu")
    return null;
  if (!series.some((s) => s.data.some(([, v]) => v !== null))) return null;
  return {
    animation: false,
    grid: { left: 64, right: 16, top: 40, bottom: 32 },
    legend: { top: 0, type: "scroll" },
    tooltip: {
      trigger: "axis",
      valueFormatter: (v: unknown) => (typeof v === "number" ? axisValue(spec.unit, v) : "—"),
    },
    xAxis: { type: "time", min: Date.parse(metrics.from), max: Date.parse(metrics.to) },
    yAxis: {
      type: "value",
      min: spec.unit === "ratio" ? undefined : 0,
      scale: spec.unit === "ratio",
      axisLabel: { formatter: (v: number) => axisValue(spec.unit, v) },
    },
    series,
  };
}
