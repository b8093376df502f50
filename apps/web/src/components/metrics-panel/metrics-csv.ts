import { toCsv } from "../../lib/download";

export interface MetricSeries {
  name: string;
  /** [epoch ms, value] */
  points: [number, number | null][];
}

/** One chart's series as CSV: a time column (formatted by the caller) and one column per series. */
export function seriesToCsv(series: MetricSeries[], formatTime: (ms: number) => string): string {
  const times = [...new Set(series.flatMap((s) => s.points.map((p) => p[0])))].sort((a, b) => a - b);
  const lookup = series.map((s) => new Map(s.points));
  const rows: unknown[][] = [["time", ...series.map((s) => s.name)]];
  for (const ts of times) rows.push([formatTime(ts), ...lookup.map((m) => m.get(ts) ?? "")]);
  return toCsv(rows);
}
