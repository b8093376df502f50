import type { FineTuneJobDetail, FineTuneJobEventType } from "@infera/contracts";
import { Card, Col, Row, Skeleton, Slider, Space, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { EChart } from "../../../components/charts/echart";
import { ErrorState } from "../../../components/error-state/error-state";
import { isFinished } from "../api";
import { chartOption, type MetricChartLabels, metricCharts } from "../events/metric-charts";
import { metricSeries, type StepRange, stepBounds } from "../events/metric-series";
import { useJobEvents } from "../events/use-job-events";
import { JobCompareSelect } from "./job-compare-select";
import { RunDataEmpty } from "./run-data-empty";

const METRICS: readonly FineTuneJobEventType[] = ["metrics"];

/** Metrics: loss and eval loss (smoothed, raw faint), learning rate, grad norm and tokens/s over step, live. */
export function JobMetricsTab({ job }: { job: FineTuneJobDetail }) {
  const { t } = useTranslation();
  const live = !isFinished(job.status);
  const { events, loading, error, reload } = useJobEvents(job.id, METRICS, live);
  const [range, setRange] = useState<StepRange>({ from: 0, to: null });
  const [smoothing, setSmoothing] = useState(0.6);
  // Another job's loss for comparison; its log is read once (no stream for a curve in the background).
  const [compare, setCompare] = useState<{ id: string; name: string } | undefined>(undefined);
  const compared = useJobEvents(compare?.id ?? "", METRICS, false);
  const labels = useMemo<MetricChartLabels>(
    () => ({
      step: t("fineTuningPage.runData.metrics.step"),
      loss: t("fineTuningPage.runData.metrics.loss"),
      lossRaw: t("fineTuningPage.runData.metrics.lossRaw"),
      evalLoss: t("fineTuningPage.runData.metrics.evalLoss"),
      learningRate: t("fineTuningPage.runData.metrics.learningRate"),
      gradNorm: t("fineTuningPage.runData.metrics.gradNorm"),
      tokensPerSecond: t("fineTuningPage.runData.metrics.tokensPerSecond"),
    }),
    [t],
  );
  const series = useMemo(() => metricSeries(events), [events]);
  const overlay = useMemo(
    () =>
      compare
        ? {
            name: t("fineTuningPage.runData.metrics.compareLoss", { name: compare.name }),
            points: metricSeries(compared.events).loss,
          }
        : undefined,
    [compare, compared.events, t],
  );
  const charts = useMemo(
    () =>
      metricCharts(series, { range, smoothing, labels, overlay }).map((c) => ({
        ...c,
        option: chartOption(c, labels.step),
      })),
    [series, range, smoothing, labels, overlay],
  );

  if (loading) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (error) return <ErrorState error={error} onRetry={reload} />;
  const bounds = stepBounds(series);
  if (!bounds) return <RunDataEmpty kind="metrics" job={job} />;
  const last = series.loss.at(-1);
  // The slider's end at the newest step means "follow": new steps stay in view.
  const value: [number, number] = [
    Math.max(range.from, bounds[0]),
    Math.min(range.to ?? bounds[1], bounds[1]),
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-run-data="metrics">
      <Card size="small">
        <Row gutter={[24, 8]} align="middle">
          <Col xs={24} md={9}>
            <Typography.Text id="ft-metrics-step-range">
              {t("fineTuningPage.runData.metrics.stepRange")}
            </Typography.Text>
            <Slider
              range
              min={bounds[0]}
              max={bounds[1]}
              value={value}
              disabled={bounds[0] === bounds[1]}
              ariaLabelledByForHandle={["ft-metrics-step-range", "ft-metrics-step-range"]}
              onChange={([from = bounds[0], to = bounds[1]]) =>
                setRange({ from, to: to >= bounds[1] ? null : to })
              }
            />
          </Col>
          <Col xs={24} md={6}>
            <Typography.Text id="ft-metrics-smoothing">
              {t("fineTuningPage.runData.metrics.smoothing")} {smoothing.toFixed(2)}
            </Typography.Text>
            <Slider
              min={0}
              max={0.99}
              step={0.01}
              value={smoothing}
              ariaLabelledByForHandle="ft-metrics-smoothing"
              onChange={setSmoothing}
            />
          </Col>
          <Col xs={24} md={5}>
            <JobCompareSelect job={job} value={compare?.id} onChange={setCompare} />
          </Col>
          <Col xs={24} md={4}>
            <Space size={4} wrap>
              {live ? <Tag color="processing">{t("fineTuningPage.runData.metrics.live")}</Tag> : null}
              {last ? (
                <Typography.Text type="secondary">
                  {t("fineTuningPage.runData.metrics.latest", {
                    step: last[0],
                    loss: Number(last[1].toPrecision(4)),
                  })}
                </Typography.Text>
              ) : null}
            </Space>
          </Col>
        </Row>
      </Card>
      <Row gutter={[16, 16]}>
        {charts.map((c) => (
          <Col key={c.key} xs={24} xl={c.key === "loss" ? 24 : 8}>
            <Card size="small" title={c.title}>
              <EChart option={c.option} ariaLabel={c.title} height={c.key === "loss" ? 320 : 220} />
            </Card>
          </Col>
        ))}
      </Row>
    </Space>
  );
}
