import type { UsageReport } from "@infera/contracts";
import type { EChartOption } from "../../components/charts/echart";

export interface DayTokens {
  time: string;
  prompt: number;
  completion: number;
}

/** Tokens per bucket, the report's groups (here: status codes) added up, oldest first. */
export function tokensPerBucket(report: Pick<UsageReport, "series">): DayTokens[] {
  const byTime = new Map<string, DayTokens>();
  for (const p of report.series) {
    const day = byTime.get(p.time) ?? { time: p.time, prompt: 0, completion: 0 };
    day.prompt += p.prompt_tokens;
    day.completion += p.completion_tokens;
    byTime.set(p.time, day);
  }
  return [...byTime.values()].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
}

/** The tokens-per-day chart: prompt and completion stacked, over the report's range. */
export function tokensChartOption(
  report: Pick<UsageReport, "series" | "from" | "to">,
  names: { prompt: string; completion: string },
): EChartOption {
  const days = tokensPerBucket(report);
  const line = (name: string, color: string, pick: (d: DayTokens) => number) => ({
    name,
    type: "line",
    stack: "tokens",
    areaStyle: { opacity: 0.25 },
    color,
    showSymbol: days.length < 3,
    data: days.map((d) => [Date.parse(d.time), pick(d)]),
  });
  return {
    animation: false,
    grid: { left: 64, right: 16, top: 40, bottom: 32 },
    legend: { top: 0 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "time", min: Date.parse(report.from), max: Date.parse(report.to) },
    yAxis: { type: "value", min: 0 },
    series: [
      line(names.prompt, "#1677ff", (d) => d.prompt),
      line(names.completion, "#fa8c16", (d) => d.completion),
    ],
  };
}
