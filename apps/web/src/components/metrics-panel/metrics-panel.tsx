import { DownloadOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Col, DatePicker, Row, Segmented, Skeleton, Space, Statistic } from "antd";
import type { Dayjs } from "dayjs";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { downloadText } from "../../lib/download";
import { usePreferences } from "../../lib/preferences";
import { EChart, type EChartOption } from "../charts/echart";
import { ErrorState } from "../error-state/error-state";
import { type MetricSeries, seriesToCsv } from "./metrics-csv";
import { presetRange, type RangePreset, rangePresets, type TimeRange } from "./time-range";

export interface MetricCardData {
  key: string;
  label: ReactNode;
  value: number | string | null;
  unit?: string;
  precision?: number;
}

export interface MetricChartData {
  key: string;
  title: string;
  unit?: string;
  series: MetricSeries[];
}

export interface MetricsData {
  cards: MetricCardData[];
  charts: MetricChartData[];
}

export interface MetricsPanelProps {
  queryKey: readonly unknown[];
  load: (range: TimeRange) => Promise<MetricsData>;
  defaultPreset?: Exclude<RangePreset, "custom">;
}

export function chartOption(chart: MetricChartData, formatTime: (ms: number) => string): EChartOption {
  const unit = chart.unit ? ` ${chart.unit}` : "";
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 32, bottom: 32 },
    legend: { top: 0, type: "scroll" },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "line" },
      valueFormatter: (v: unknown) => (v === null || v === undefined ? "—" : `${v}${unit}`),
    },
    xAxis: {
      type: "time",
      axisLabel: { hideOverlap: true },
      // the tooltip's header: the hovered instant in the chosen time zone
      axisPointer: { label: { formatter: (p: { value: number }) => formatTime(p.value) } },
    },
    yAxis: { type: "value", name: chart.unit ?? "" },
    dataZoom: [{ type: "inside" }],
    series: chart.series.map((s) => ({
      name: s.name,
      type: "line",
      showSymbol: false,
      connectNulls: false,
      data: s.points,
    })),
  };
}

/** Time range (1h/6h/24h/7d/custom), metric cards and line charts with hover values and CSV export. */
export function MetricsPanel({ queryKey, load, defaultPreset = "1h" }: MetricsPanelProps) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const [range, setRange] = useState<TimeRange>(() => presetRange(defaultPreset));
  const query = useQuery({
    queryKey: [...queryKey, range.preset, range.from.toISOString(), range.to.toISOString()],
    queryFn: () => load(range),
  });
  const formatTime = (ms: number) => formatDate(ms);
  const options = useMemo(
    () =>
      (query.data?.charts ?? []).map((c) => ({ chart: c, option: chartOption(c, (ms) => formatDate(ms)) })),
    [query.data, formatDate],
  );

  const onPreset = (value: string) => {
    if (value === "custom") setRange((r) => ({ ...r, preset: "custom" }));
    else setRange(presetRange(value as (typeof rangePresets)[number]));
  };
  const onCustom = (values: [Dayjs | null, Dayjs | null] | null) => {
    const [from, to] = values ?? [null, null];
    if (from && to) setRange({ preset: "custom", from: from.toDate(), to: to.toDate() });
  };

  return (
    <Space orientation="vertical" style={{ width: "100%" }} size="middle">
      <Space wrap>
        <Segmented
          aria-label={t("metrics.range")}
          value={range.preset}
          onChange={(v) => onPreset(String(v))}
          options={[
            ...rangePresets.map((p) => ({ value: p, label: t(`metrics.presets.${p}`) })),
            { value: "custom", label: t("metrics.presets.custom") },
          ]}
        />
        {range.preset === "custom" ? (
          <DatePicker.RangePicker showTime aria-label={t("metrics.customRange")} onChange={onCustom} />
        ) : null}
      </Space>
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Row gutter={[12, 12]}>
        {query.isPending
          ? [0, 1, 2, 3].map((i) => (
              <Col key={i} xs={12} md={6}>
                <Card size="small">
                  <Skeleton active paragraph={{ rows: 1 }} title={false} />
                </Card>
              </Col>
            ))
          : (query.data?.cards ?? []).map((c) => (
              <Col key={c.key} xs={12} md={6}>
                <Card size="small">
                  <Statistic
                    title={c.label}
                    value={c.value ?? "—"}
                    suffix={c.value === null ? undefined : c.unit}
                    precision={typeof c.value === "number" ? c.precision : undefined}
                  />
                </Card>
              </Col>
            ))}
      </Row>
      <Row gutter={[12, 12]}>
        {query.isPending ? (
          <Col span={24}>
            <Card size="small" aria-busy="true">
              <Skeleton active />
              {t("common.loading")}
            </Card>
          </Col>
        ) : (
          options.map(({ chart, option }) => (
            <Col key={chart.key} xs={24} xl={12}>
              <Card
                size="small"
                title={chart.title}
                extra={
                  <Button
                    size="small"
                    icon={<DownloadOutlined />}
                    aria-label={t("metrics.exportCsvOf", { title: chart.title })}
                    onClick={() =>
                      downloadText(`${chart.key}.csv`, seriesToCsv(chart.series, formatTime), "text/csv")
                    }
                  >
                    CSV
                  </Button>
                }
              >
                <EChart option={option} ariaLabel={chart.title} />
              </Card>
            </Col>
          ))
        )}
      </Row>
    </Space>
  );
}
