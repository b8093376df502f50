import { DownloadOutlined } from "@ant-design/icons";
import type {
  ServiceGatewayMetricsPoint,
  ServiceMetricsPoint,
  ServiceMetricsWindow,
  ServiceRevision,
} from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { App, Button, Card, Col, Radio, Row, Select, Skeleton, Space, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { EChart } from "../../../components/charts/echart";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { ErrorState } from "../../../components/error-state/error-state";
import { api } from "../../../lib/client";
import { downloadText } from "../../../lib/download";
import { GATEWAY_CHARTS, SERVICE_CHARTS, serviceChartOption } from "./service-metric-charts";

const WINDOWS: readonly ServiceMetricsWindow[] = ["1h", "6h", "24h", "7d"];

/**
 * A service's Metrics tab: per revision (its replicas added up) requests, success rate, latency
 * percentiles, TTFT, TPOT, tokens/s, in-flight, cold starts, CPU, memory and GPU over a window;
 * up to two revisions picked overlay on the same charts; the points download as CSV. Refreshed
 * every minute, the scrape's pace. Above them, what the gateway measured of the same revisions over
 * the same window (every `/v1` and playground call: requests/min, 4xx/5xx rates, p50/p95 latency,
 * tokens/min), from the usage rollups.
 */
export function ServiceMetricsTab({
  tenantId,
  projectId,
  serviceId,
  revisions,
}: {
  tenantId: string;
  projectId: string;
  serviceId: string;
  revisions: readonly Pick<ServiceRevision, "id" | "number">[];
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [window, setWindow] = useState<ServiceMetricsWindow>("1h");
  const [picked, setPicked] = useState<string[]>([]);
  const [exporting, setExporting] = useState(false);
  const query = { window, revision: picked.length ? picked.join(",") : undefined };
  const metrics = useQuery({
    queryKey: ["services", tenantId, projectId, serviceId, "metrics", window, picked],
    queryFn: () => api.services.metrics(serviceId, query),
    refetchInterval: 60_000,
  });
  const gatewayMetrics = useQuery({
    queryKey: ["services", tenantId, projectId, serviceId, "gateway-metrics", window, picked],
    queryFn: () => api.services.gatewayMetrics(serviceId, query),
    refetchInterval: 60_000,
  });
  const names = useMemo(
    () => ({
      field: (f: keyof Omit<ServiceMetricsPoint, "time">) => t(`serviceMetrics.field.${f}`),
      revision: (n: number) => t("serviceMetrics.revision", { number: n }),
    }),
    [t],
  );
  const charts = useMemo(
    () =>
      metrics.data
        ? SERVICE_CHARTS.map((spec) => ({
            key: spec.key,
            title: t(`serviceMetrics.chart.${spec.key}`),
            option: serviceChartOption(spec, metrics.data, names),
          })).filter((c) => c.option !== null)
        : [],
    [metrics.data, names, t],
  );

  const gatewayCharts = useMemo(() => {
    const data = gatewayMetrics.data;
    if (!data) return [];
    const gatewayNames = {
      field: (f: keyof Omit<ServiceGatewayMetricsPoint, "time">) => t(`serviceMetrics.gateway.field.${f}`),
      revision: names.revision,
    };
    return GATEWAY_CHARTS.map((spec) => ({
      key: spec.key,
      title: t(`serviceMetrics.gateway.chart.${spec.key}`),
      option: serviceChartOption(spec, data, gatewayNames),
    })).filter((c) => c.option !== null);
  }, [gatewayMetrics.data, names, t]);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const csv = await api.services.metricsCsv(serviceId, query);
      downloadText(`${serviceId}-metrics-${window}.csv`, csv, "text/csv");
    } catch {
      message.error(t("serviceMetrics.exportFailed"));
    } finally {
      setExporting(false);
    }
  };

  const toolbar = (
    <Card size="small">
      <Row gutter={[16, 8]} align="middle">
        <Col>
          <Space>
            <Typography.Text id="svc-metrics-window">{t("serviceMetrics.window")}</Typography.Text>
            <Radio.Group
              aria-labelledby="svc-metrics-window"
              optionType="button"
              value={window}
              onChange={(e) => setWindow(e.target.value as ServiceMetricsWindow)}
              options={WINDOWS.map((w) => ({ value: w, label: t(`serviceMetrics.windows.${w}`) }))}
            />
          </Space>
        </Col>
        <Col flex="auto">
          <Select
            mode="multiple"
            maxCount={2}
            allowClear
            style={{ minWidth: 260 }}
            aria-label={t("serviceMetrics.revisions")}
            placeholder={t("serviceMetrics.allRevisions")}
            value={picked}
            onChange={setPicked}
            options={[...revisions]
              .sort((a, b) => b.number - a.number)
              .map((r) => ({ value: r.id, label: t("serviceMetrics.revision", { number: r.number }) }))}
          />
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
            {t("serviceMetrics.overlayHint")}
          </Typography.Text>
        </Col>
        <Col>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportCsv}>
            {t("serviceMetrics.exportCsv")}
          </Button>
        </Col>
      </Row>
    </Card>
  );

  let body: React.ReactNode;
  if (metrics.isPending) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (metrics.error) body = <ErrorState error={metrics.error} onRetry={() => metrics.refetch()} />;
  else if (!charts.length)
    body = (
      <EmptyState title={t("serviceMetrics.emptyTitle")} description={t("serviceMetrics.emptyDescription")} />
    );
  else
    body = (
      <Row gutter={[16, 16]}>
        {charts.map((c) => (
          <Col key={c.key} xs={24} xl={12}>
            <Card size="small" title={c.title}>
              <EChart option={c.option!} ariaLabel={c.title} height={240} />
            </Card>
          </Col>
        ))}
      </Row>
    );
  let gatewayBody: React.ReactNode;
  if (gatewayMetrics.isPending) gatewayBody = <Skeleton active paragraph={{ rows: 3 }} />;
  else if (gatewayMetrics.error)
    gatewayBody = <ErrorState error={gatewayMetrics.error} onRetry={() => gatewayMetrics.refetch()} />;
  else if (!gatewayCharts.length)
    gatewayBody = (
      <EmptyState
        title={t("serviceMetrics.gateway.emptyTitle")}
        description={t("serviceMetrics.gateway.emptyDescription")}
      />
    );
  else
    gatewayBody = (
      <Row gutter={[16, 16]}>
        {gatewayCharts.map((c) => (
          <Col key={c.key} xs={24} xl={12}>
            <Card size="small" title={c.title}>
              <EChart option={c.option!} ariaLabel={c.title} height={240} />
            </Card>
          </Col>
        ))}
      </Row>
    );
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-service-tab="metrics">
      {toolbar}
      <section aria-labelledby="svc-metrics-gateway">
        <Typography.Title level={5} id="svc-metrics-gateway" style={{ marginTop: 0 }}>
          {t("serviceMetrics.gateway.title")}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {t("serviceMetrics.gateway.description")}
        </Typography.Paragraph>
        {gatewayBody}
      </section>
      <section aria-labelledby="svc-metrics-replicas">
        <Typography.Title level={5} id="svc-metrics-replicas">
          {t("serviceMetrics.replicasTitle")}
        </Typography.Title>
        {body}
      </section>
    </Space>
  );
}
