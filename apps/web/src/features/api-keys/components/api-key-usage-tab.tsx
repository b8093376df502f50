import { InfoCircleOutlined } from "@ant-design/icons";
import type { UsageGroupRow, UsageReport } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { Card, Col, Radio, Row, Skeleton, Space, Statistic, Table, Tooltip, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EChart } from "../../../components/charts/echart";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { ErrorState } from "../../../components/error-state/error-state";
import { isApiError } from "../../../lib/api-error";
import { api } from "../../../lib/client";
import { apiKeyKeys } from "../api";
import { tokensChartOption } from "../usage-chart";

const RANGES = { "7d": 7, "30d": 30 } as const;
type Range = keyof typeof RANGES;
const DAY_MS = 86_400_000;
/** Rows of the "top services" table (seed 000 §4.3.8 "关联服务 Top"). */
const TOP_SERVICES = 10;

const percent = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`);

/**
 * A key's Usage tab (seed 000 §4.3.8): requests, tokens, success rate, p95 latency and estimated cost
 * over the last 7 or 30 days, tokens per day, and the calls by status code — the project's usage
 * report filtered to this key. A server without the report (404) says so instead of failing.
 */
export function ApiKeyUsageTab({
  tenantId,
  projectId,
  keyId,
}: {
  tenantId: string;
  projectId: string;
  keyId: string;
}) {
  const { t, i18n } = useTranslation();
  const [range, setRange] = useState<Range>("7d");
  const report = (groupBy: "status_code" | "service") => () =>
    api.usage.report(projectId, {
      api_key_id: keyId,
      group_by: groupBy,
      granularity: "day",
      from: new Date(Date.now() - RANGES[range] * DAY_MS).toISOString(),
    });
  const usage = useQuery({
    queryKey: apiKeyKeys.usage(keyId, range, "status_code"),
    queryFn: report("status_code"),
    refetchInterval: 60_000,
  });
  // The services the key called most: the same range grouped by service, once the report answers.
  const services = useQuery({
    queryKey: apiKeyKeys.usage(keyId, range, "service"),
    queryFn: report("service"),
    enabled: usage.isSuccess && usage.data.totals.requests > 0,
    refetchInterval: 60_000,
  });
  const chart = useMemo(
    () =>
      usage.data
        ? tokensChartOption(usage.data, {
            prompt: t("apiKeys.usage.prompt"),
            completion: t("apiKeys.usage.completion"),
          })
        : null,
    [usage.data, t],
  );
  const number = (n: number) => n.toLocaleString(i18n.language);

  let body: React.ReactNode;
  if (usage.isPending) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (usage.isError && isApiError(usage.error) && usage.error.status === 404)
    body = (
      <EmptyState
        title={t("apiKeys.usage.notAvailableTitle")}
        description={t("apiKeys.usage.notAvailableBody")}
      />
    );
  else if (usage.isError) body = <ErrorState error={usage.error} onRetry={() => void usage.refetch()} />;
  else
    body = (
      <UsageBody
        report={usage.data}
        services={services.data?.groups}
        serviceHref={(id) => `/t/${tenantId}/p/${projectId}/services/${encodeURIComponent(id)}`}
        chart={chart}
        number={number}
      />
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-api-key-tab="usage">
      <Space>
        <Typography.Text id="api-key-usage-range">{t("apiKeys.usage.range")}</Typography.Text>
        <Radio.Group
          aria-labelledby="api-key-usage-range"
          optionType="button"
          value={range}
          onChange={(e) => setRange(e.target.value as Range)}
          options={(Object.keys(RANGES) as Range[]).map((r) => ({
            value: r,
            label: t(`apiKeys.usage.ranges.${r}`),
          }))}
        />
      </Space>
      {body}
    </Space>
  );
}

function UsageBody({
  report,
  services,
  serviceHref,
  chart,
  number,
}: {
  report: UsageReport;
  services: UsageGroupRow[] | undefined;
  serviceHref: (serviceId: string) => string;
  chart: ReturnType<typeof tokensChartOption> | null;
  number: (n: number) => string;
}) {
  const { t, i18n } = useTranslation();
  const totals = report.totals;
  const cards = [
    { key: "requests", title: t("apiKeys.usage.requests"), value: number(totals.requests) },
    {
      key: "tokens",
      title: t("apiKeys.usage.tokens"),
      value: number(totals.total_tokens),
      extra: t("apiKeys.usage.tokensSplit", {
        prompt: number(totals.prompt_tokens),
        completion: number(totals.completion_tokens),
      }),
    },
    {
      key: "success",
      title: t("apiKeys.usage.successRate"),
      value: percent(totals.success_rate),
    },
    {
      key: "p95",
      title: t("apiKeys.usage.p95"),
      value: totals.latency_p95_ms === null ? "—" : `${Math.round(totals.latency_p95_ms)} ms`,
    },
    {
      key: "cost",
      title: (
        <Space size={4}>
          {t("apiKeys.usage.cost")}
          <Tooltip title={t("apiKeys.usage.costHint")}>
            <InfoCircleOutlined aria-label={t("apiKeys.usage.costHint")} />
          </Tooltip>
        </Space>
      ),
      value: formatCost(totals.cost_estimate, report.currency, i18n.language),
    },
  ];
  return (
    <>
      <Row gutter={[16, 16]}>
        {cards.map((c) => (
          <Col key={c.key} xs={12} md={8} xl={4}>
            <Card size="small" data-usage-card={c.key}>
              <Statistic title={c.title} value={c.value} />
              {c.extra ? <Typography.Text type="secondary">{c.extra}</Typography.Text> : null}
            </Card>
          </Col>
        ))}
      </Row>
      {totals.requests === 0 ? (
        <EmptyState title={t("apiKeys.usage.noRequests")} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Card size="small" title={t("apiKeys.usage.tokensPerDay")}>
              {chart ? (
                <EChart option={chart} ariaLabel={t("apiKeys.usage.tokensPerDay")} height={260} />
              ) : null}
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card size="small" title={t("apiKeys.usage.statusCodes")}>
              <Table<UsageGroupRow>
                size="small"
                pagination={false}
                data-usage-table="status_codes"
                aria-label={t("apiKeys.usage.statusCodes")}
                rowKey={(g) => g.group ?? g.label}
                dataSource={report.groups}
                columns={[
                  { key: "label", title: t("apiKeys.usage.statusCode"), render: (_, g) => g.label },
                  {
                    key: "requests",
                    title: t("apiKeys.usage.requests"),
                    render: (_, g) => number(g.requests),
                  },
                  {
                    key: "tokens",
                    title: t("apiKeys.usage.tokens"),
                    render: (_, g) => number(g.total_tokens),
                  },
                ]}
              />
            </Card>
          </Col>
          {services?.length ? (
            <Col xs={24}>
              <Card size="small" title={t("apiKeys.usage.topServices")}>
                <Table<UsageGroupRow>
                  size="small"
                  pagination={false}
                  aria-label={t("apiKeys.usage.topServices")}
                  rowKey={(g) => g.group ?? g.label}
                  dataSource={services.slice(0, TOP_SERVICES)}
                  columns={[
                    {
                      key: "service",
                      title: t("apiKeys.usage.service"),
                      render: (_, g) =>
                        g.group ? <Link to={serviceHref(g.group)}>{g.label}</Link> : g.label,
                    },
                    {
                      key: "requests",
                      title: t("apiKeys.usage.requests"),
                      render: (_, g) => number(g.requests),
                    },
                    {
                      key: "tokens",
                      title: t("apiKeys.usage.tokens"),
                      render: (_, g) => number(g.total_tokens),
                    },
                    {
                      key: "success",
                      title: t("apiKeys.usage.successRate"),
                      render: (_, g) => percent(g.success_rate),
                    },
                    {
                      key: "p95",
                      title: t("apiKeys.usage.p95"),
                      render: (_, g) =>
                        g.latency_p95_ms === null ? "—" : `${Math.round(g.latency_p95_ms)} ms`,
                    },
                  ]}
                />
              </Card>
            </Col>
          ) : null}
        </Row>
      )}
    </>
  );
}

/** An amount in the report's currency; a code Intl does not know is written after the number. */
function formatCost(amount: number, currency: string, language: string): string {
  try {
    return new Intl.NumberFormat(language, { style: "currency", currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}
