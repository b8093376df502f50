import type { EChartOption } from "../../../components/charts/echart";
import { inStepRange, type MetricSeries, type Point, type StepRange, smooth } from "./metric-series";

export interface MetricChartLabels {
  step: string;
  loss: string;
  lossRaw: string;
  evalLoss: string;
  learningRate: string;
  gradNorm: string;
  tokensPerSecond: string;
}

export interface LineSeries {
  name: string;
  points: Point[];
  color: string;
  /** The raw curve under a smoothed one: drawn thin and pale. */
  faint?: boolean;
  /** Sparse curves (eval loss) show their points. */
  symbols?: boolean;
  /** Another job's curve drawn for comparison. */
  dashed?: boolean;
}

export interface MetricChart {
  key: "loss" | "learning_rate" | "grad_norm" | "tokens_per_second";
  title: string;
  series: LineSeries[];
}

const BLUE = "#1677ff";
const ORANGE = "#fa8c16";
const PURPLE = "#722ed1";
const GREEN = "#52c41a";
const GREY = "#8c8c8c";

/**
 * The Metrics tab's charts: loss with eval loss (the training loss smoothed by `smoothing`, its raw
 * curve faint beneath), learning rate, grad norm and tokens/s, each cut to `range`. Smoothing runs on
 * the whole curve before the cut, so the range's first point is not a fresh start. A chart without
 * points is left out (not every runtime reports every metric).
 */
export function metricCharts(
  series: MetricSeries,
  {
    range,
    smoothing,
    labels,
    overlay,
  }: {
    range: StepRange;
    smoothing: number;
    labels: MetricChartLabels;
    /** Another job's training loss, smoothed alike and drawn dashed on the loss chart. */
    overlay?: { name: string; points: Point[] };
  },
): MetricChart[] {
  const cut = (points: Point[]) => inStepRange(points, range);
  const loss: LineSeries[] =
    smoothing > 0
      ? [
          { name: labels.lossRaw, points: cut(series.loss), color: BLUE, faint: true },
          { name: labels.loss, points: cut(smooth(series.loss, smoothing)), color: BLUE },
        ]
      : [{ name: labels.loss, points: cut(series.loss), color: BLUE }];
  const charts: MetricChart[] = [
    {
      key: "loss",
      title: labels.loss,
      series: [
        ...(series.loss.length > 0 ? loss : []),
        { name: labels.evalLoss, points: cut(series.eval_loss), color: ORANGE, symbols: true },
        ...(overlay
          ? [
              {
                name: overlay.name,
                points: cut(smooth(overlay.points, smoothing)),
                color: GREY,
                dashed: true,
              },
            ]
          : []),
      ],
    },
    {
      key: "learning_rate",
      title: labels.learningRate,
      series: [{ name: labels.learningRate, points: cut(series.learning_rate), color: PURPLE }],
    },
    {
      key: "grad_norm",
      title: labels.gradNorm,
      series: [{ name: labels.gradNorm, points: cut(series.grad_norm), color: GREEN }],
    },
    {
      key: "tokens_per_second",
      title: labels.tokensPerSecond,
      series: [{ name: labels.tokensPerSecond, points: cut(series.tokens_per_second), color: BLUE }],
    },
  ];
  return charts
    .map((c) => ({ ...c, series: c.series.filter((s) => s.points.length > 0) }))
    .filter((c) => c.series.length > 0);
}

/** Small numbers (a learning rate) read better as 1.0e-4 than as 0.0001. */
function axisNumber(v: number): string {
  return v !== 0 && Math.abs(v) < 0.01 ? v.toExponential(1) : String(Number(v.toPrecision(4)));
}

/** The ECharts option of one chart: values over step, hover values, no animation (live updates). */
export function chartOption(chart: MetricChart, stepLabel: string): EChartOption {
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 32, bottom: 40 },
    legend: { top: 0, type: "scroll" },
    tooltip: {
      trigger: "axis",
      valueFormatter: (v: unknown) => (typeof v === "number" ? axisNumber(v) : "—"),
    },
    xAxis: { type: "value", name: stepLabel, nameLocation: "middle", nameGap: 24, minInterval: 1 },
    yAxis: { type: "value", scale: true, axisLabel: { formatter: axisNumber } },
    series: chart.series.map((s) => ({
      name: s.name,
      type: "line",
      data: s.points,
      color: s.color,
      showSymbol: s.symbols === true,
      symbolSize: 5,
      lineStyle: s.faint ? { width: 1, opacity: 0.25 } : { width: 2, type: s.dashed ? "dashed" : "solid" },
      emphasis: { disabled: s.faint === true },
      z: s.faint ? 1 : 2,
    })),
  };
}
