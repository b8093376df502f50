import { describe, expect, it } from "vitest";
import { jobEvent, metricsEvent } from "../test/fixtures";
import { chartOption, type MetricChartLabels, metricCharts } from "./metric-charts";
import { inStepRange, metricSeries, smooth, stepBounds } from "./metric-series";

const labels: MetricChartLabels = {
  step: "Step",
  loss: "Loss",
  lossRaw: "Loss (raw)",
  evalLoss: "Eval loss",
  learningRate: "Learning rate",
  gradNorm: "Grad norm",
  tokensPerSecond: "Tokens/s",
};
const whole = { from: 0, to: null };

describe("metricSeries", () => {
  it("takes each curve's points by step from the metrics events only", () => {
    const series = metricSeries([
      jobEvent(1, "status", { from: null, to: "running", reason: "started" }),
      metricsEvent(2, { loss: 2.5, learning_rate: 1e-4, tokens_per_second: 900 }, { seq: 3 }),
      jobEvent(4, "log", { level: "info", message: "step 2", step: 9 }),
      metricsEvent(1, { loss: 3, grad_norm: 1.2 }, { seq: 2 }),
      metricsEvent(2, { eval_loss: 2.7 }, { seq: 5 }),
    ]);
    expect(series.loss).toEqual([
      [1, 3],
      [2, 2.5],
    ]);
    expect(series.eval_loss).toEqual([[2, 2.7]]);
    expect(series.learning_rate).toEqual([[2, 1e-4]]);
    expect(series.grad_norm).toEqual([[1, 1.2]]);
    expect(series.tokens_per_second).toEqual([[2, 900]]);
  });

  it("lets a resumed attempt's steps replace the ones it trained again", () => {
    const series = metricSeries([
      metricsEvent(1, { loss: 3 }),
      metricsEvent(2, { loss: 2.8 }),
      metricsEvent(3, { loss: 2.6 }),
      // attempt 2 resumed from the checkpoint at step 1
      metricsEvent(2, { loss: 2.7 }, { seq: 4, attempt: 2 }),
      metricsEvent(3, { loss: 2.5 }, { seq: 5, attempt: 2 }),
    ]);
    expect(series.loss).toEqual([
      [1, 3],
      [2, 2.7],
      [3, 2.5],
    ]);
  });
});

describe("smooth", () => {
  it("is an exponential moving average that starts at the first value", () => {
    const points: [number, number][] = [
      [1, 4],
      [2, 2],
      [3, 0],
    ];
    expect(smooth(points, 0.5)).toEqual([
      [1, 4],
      [2, 3],
      [3, 1.5],
    ]);
    expect(smooth(points, 0)).toEqual(points);
    expect(smooth([], 0.9)).toEqual([]);
  });
});

describe("step range", () => {
  it("keeps the points inside, both ends included; an open end runs to the newest", () => {
    const points: [number, number][] = [
      [1, 1],
      [5, 5],
      [10, 10],
    ];
    expect(inStepRange(points, { from: 5, to: 10 })).toEqual([
      [5, 5],
      [10, 10],
    ]);
    expect(inStepRange(points, { from: 2, to: null })).toEqual([
      [5, 5],
      [10, 10],
    ]);
    expect(inStepRange(points, { from: 0, to: 4 })).toEqual([[1, 1]]);
  });

  it("knows the first and last step of any curve, or null before the first", () => {
    expect(stepBounds(metricSeries([]))).toBeNull();
    expect(
      stepBounds(metricSeries([metricsEvent(3, { eval_loss: 1 }), metricsEvent(7, { loss: 2 })])),
    ).toEqual([3, 7]);
  });
});

describe("metricCharts", () => {
  const series = metricSeries([
    metricsEvent(1, { loss: 4, learning_rate: 1e-3 }),
    metricsEvent(2, { loss: 2, learning_rate: 1e-3 }),
    metricsEvent(3, { loss: 0, eval_loss: 1.5, learning_rate: 5e-4 }),
  ]);

  it("draws the loss smoothed over its faint raw curve, with eval loss, and leaves out empty charts", () => {
    const charts = metricCharts(series, { range: whole, smoothing: 0.5, labels });
    expect(charts.map((c) => c.key)).toEqual(["loss", "learning_rate"]);
    const loss = charts[0]!;
    expect(loss.series.map((s) => [s.name, s.faint === true])).toEqual([
      ["Loss (raw)", true],
      ["Loss", false],
      ["Eval loss", false],
    ]);
    expect(loss.series[0]!.points).toEqual([
      [1, 4],
      [2, 2],
      [3, 0],
    ]);
    expect(loss.series[1]!.points).toEqual([
      [1, 4],
      [2, 3],
      [3, 1.5],
    ]);
    expect(loss.series[2]!.points).toEqual([[3, 1.5]]);

    // What ECharts is given: the same points, over step.
    const option = chartOption(loss, "Step") as {
      xAxis: { name: string };
      series: { name: string; data: unknown; lineStyle: { opacity?: number } }[];
    };
    expect(option.xAxis.name).toBe("Step");
    expect(option.series.map((s) => s.name)).toEqual(["Loss (raw)", "Loss", "Eval loss"]);
    expect(option.series[1]!.data).toEqual(loss.series[1]!.points);
    expect(option.series[0]!.lineStyle.opacity).toBeLessThan(1);
  });

  it("draws another job's loss dashed on the loss chart, smoothed alike", () => {
    const overlay = {
      name: "other loss",
      points: [
        [1, 2],
        [3, 4],
      ] as [number, number][],
    };
    const [loss] = metricCharts(series, { range: whole, smoothing: 0.5, labels, overlay });
    const drawn = loss!.series.at(-1)!;
    expect(drawn).toMatchObject({ name: "other loss", dashed: true });
    expect(drawn.points).toEqual([
      [1, 2],
      [3, 3],
    ]);
    const option = chartOption(loss!, "Step") as { series: { lineStyle: { type?: string } }[] };
    expect(option.series.at(-1)!.lineStyle.type).toBe("dashed");
  });

  it("draws the raw loss alone without smoothing, and cuts to the range after smoothing", () => {
    expect(
      metricCharts(series, { range: whole, smoothing: 0, labels })[0]!.series.map((s) => s.name),
    ).toEqual(["Loss", "Eval loss"]);
    const [loss] = metricCharts(series, { range: { from: 2, to: 2 }, smoothing: 0.5, labels });
    // Step 2's smoothed value still carries step 1's.
    expect(loss!.series.map((s) => s.points)).toEqual([[[2, 2]], [[2, 3]]]);
  });
});
