import { KeyOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Col, Row, Skeleton, Space, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { ErrorState } from "../../../components/error-state/error-state";
import { api } from "../../../lib/client";
import { PageHeader } from "../../../shell/page-header";
import { usageKeys, usagePaths } from "../api";
import { UsageCards } from "../components/usage-cards";
import { UsageChartGrid } from "../components/usage-chart-grid";
import { UsageGroupTable } from "../components/usage-group-table";
import { UsageToolbar } from "../components/usage-toolbar";
import { usageFormats } from "../usage-format";
import { hasFilters, readView, reportQuery, type UsageView, writeView } from "../usage-view";

/** A first call with a key, through the gateway on this origin (`/v1`, OpenAI-compatible). */
function firstCall(origin = window.location.origin): string {
  return [
    `curl ${origin}/v1/chat/completions \\`,
    '  -H "Authorization: Bearer $INFERA_API_KEY" \\',
    '  -H "Content-Type: application/json" \\',
    `  -d '{"model": "<service>", "messages": [{"role": "user", "content": "Hello"}]}'`,
  ].join("\n");
}

/**
 * Usage and cost of a project (seed 000 §4.3.9): the filter bar, the totals' cards, the charts over
 * time, and the grouped table with its drill-down, from `GET /projects/{id}/usage`. The whole view
 * lives in the URL, so a copied link shows the same figures' filters.
 */
export function UsagePage() {
  const { t, i18n } = useTranslation();
  const { tenantId = "", projectId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => readView(params), [params]);
  // A preset range ends when the page (or its last refresh) asked, so the query stays one query.
  const [now, setNow] = useState(() => Date.now());
  const query = useMemo(() => reportQuery(view, now), [view, now]);
  const report = useQuery({
    queryKey: usageKeys.report(projectId, query),
    queryFn: () => api.usage.getUsage(projectId, query),
  });
  const formats = useMemo(
    () => usageFormats(i18n.language, report.data?.currency ?? "USD"),
    [i18n.language, report.data?.currency],
  );
  const paths = usagePaths(tenantId, projectId);
  const change = (next: UsageView) => {
    if (next.range !== view.range) setNow(Date.now());
    setParams(writeView(next));
  };

  let body: React.ReactNode;
  if (report.isPending)
    body = (
      <Space orientation="vertical" style={{ width: "100%" }} aria-busy="true">
        <Row gutter={[12, 12]}>
          {[0, 1, 2, 3].map((i) => (
            <Col key={i} xs={24} sm={12} xl={6}>
              <Card size="small">
                <Skeleton active paragraph={{ rows: 1 }} title={false} />
              </Card>
            </Col>
          ))}
        </Row>
        <Skeleton active paragraph={{ rows: 6 }} />
        <Typography.Text type="secondary">{t("common.loading")}</Typography.Text>
      </Space>
    );
  else if (report.isError) body = <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  else if (report.data.totals.requests === 0)
    body = hasFilters(view.filters) ? (
      <EmptyState
        title={t("usagePage.emptyFilteredTitle")}
        description={t("usagePage.emptyFilteredBody")}
        actions={
          <Button onClick={() => change({ ...view, filters: {} })}>{t("usagePage.clearFilters")}</Button>
        }
      />
    ) : (
      <EmptyState
        title={t("usagePage.emptyTitle")}
        description={
          <>
            {t("usagePage.emptyBody")}
            <Typography.Paragraph
              copyable={{ text: firstCall() }}
              style={{ marginTop: 8, textAlign: "left" }}
            >
              <pre style={{ margin: 0, whiteSpace: "pre-wrap" }}>{firstCall()}</pre>
            </Typography.Paragraph>
          </>
        }
        actions={
          <>
            <Link to={paths.apiKeys}>
              <KeyOutlined /> {t("usagePage.goToApiKeys")}
            </Link>
            <Link to={paths.services}>{t("usagePage.goToServices")}</Link>
          </>
        }
      />
    );
  else
    body = (
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <UsageCards report={report.data} formats={formats} />
        <UsageChartGrid report={report.data} formats={formats} />
        <Card size="small" title={t("usagePage.table.title")}>
          <UsageGroupTable
            tenantId={tenantId}
            projectId={projectId}
            groupBy={report.data.group_by}
            rows={report.data.groups}
            formats={formats}
            onFilter={(filters) => change({ ...view, filters: { ...view.filters, ...filters } })}
          />
        </Card>
      </Space>
    );

  return (
    <>
      <PageHeader title={t("usagePage.title")} description={t("usagePage.description")} />
      <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-usage-page>
        <UsageToolbar
          projectId={projectId}
          view={view}
          query={query}
          csvUrl={api.usage.csvUrl(projectId, query)}
          onChange={change}
          onRefresh={() => setNow(Date.now())}
        />
        {body}
      </Space>
    </>
  );
}
