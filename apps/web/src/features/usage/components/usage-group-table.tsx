import type { UsageGroupBy, UsageGroupRow } from "@infera/contracts";
import { Button, Table, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usagePaths } from "../api";
import type { UsageFormats } from "../usage-format";
import { statusClassOf, type UsageFilters } from "../usage-view";

const errorRate = (r: UsageGroupRow) => (r.requests ? r.errors / r.requests : null);
const byNumber = (pick: (r: UsageGroupRow) => number | null) => (a: UsageGroupRow, b: UsageGroupRow) =>
  (pick(a) ?? -1) - (pick(b) ?? -1);

/** What narrows the view to a row, for the groups that have no page of their own. */
function filterOf(groupBy: UsageGroupBy, group: string): UsageFilters | null {
  if (groupBy === "revision") return { revision_id: group };
  if (groupBy === "model_version") return { model_version_id: group };
  if (groupBy === "status_code") {
    const statusClass = statusClassOf(group);
    return statusClass ? { status_class: statusClass } : null;
  }
  return null;
}

/**
 * The report's groups (seed 000 §4.3.9 "聚合表格"), sortable by every figure. Drill-down: a service
 * opens its Metrics tab, a key its Usage tab; a revision, model version or status code narrows the
 * view to itself.
 */
export function UsageGroupTable({
  tenantId,
  projectId,
  groupBy,
  rows,
  formats,
  onFilter,
}: {
  tenantId: string;
  projectId: string;
  groupBy: UsageGroupBy;
  rows: UsageGroupRow[];
  formats: UsageFormats;
  onFilter: (filters: UsageFilters) => void;
}) {
  const { t } = useTranslation();
  const paths = usagePaths(tenantId, projectId);
  const drill = (r: UsageGroupRow) => {
    if (r.group === null) return null;
    const name = r.label;
    if (groupBy === "service")
      return (
        <Link to={paths.serviceMetrics(r.group)} aria-label={t("usagePage.table.openMetricsOf", { name })}>
          {t("usagePage.table.openMetrics")}
        </Link>
      );
    if (groupBy === "api_key")
      return (
        <Link to={paths.apiKeyUsage(r.group)} aria-label={t("usagePage.table.openKeyOf", { name })}>
          {t("usagePage.table.openKey")}
        </Link>
      );
    const filter = filterOf(groupBy, r.group);
    return filter ? (
      <Button
        type="link"
        size="small"
        style={{ padding: 0 }}
        aria-label={t("usagePage.table.filterToOf", { name })}
        onClick={() => onFilter(filter)}
      >
        {t("usagePage.table.filterTo")}
      </Button>
    ) : null;
  };
  const columns: TableColumnsType<UsageGroupRow> = [
    {
      key: "group",
      title: t(`usagePage.groupBys.${groupBy}`),
      render: (_, r) => r.label || t("usagePage.none"),
      sorter: (a, b) => a.label.localeCompare(b.label),
    },
    {
      key: "requests",
      title: t("usagePage.table.requests"),
      align: "right",
      render: (_, r) => formats.count(r.requests),
      sorter: byNumber((r) => r.requests),
      defaultSortOrder: "descend",
    },
    {
      key: "total_tokens",
      title: t("usagePage.table.tokens"),
      align: "right",
      render: (_, r) => formats.count(r.total_tokens),
      sorter: byNumber((r) => r.total_tokens),
    },
    {
      key: "latency_avg_ms",
      title: t("usagePage.table.latencyAvg"),
      align: "right",
      render: (_, r) => formats.ms(r.latency_avg_ms),
      sorter: byNumber((r) => r.latency_avg_ms),
    },
    {
      key: "latency_p95_ms",
      title: t("usagePage.table.latencyP95"),
      align: "right",
      render: (_, r) => formats.ms(r.latency_p95_ms),
      sorter: byNumber((r) => r.latency_p95_ms),
    },
    {
      key: "error_rate",
      title: t("usagePage.table.errorRate"),
      align: "right",
      render: (_, r) => formats.rate(errorRate(r)),
      sorter: byNumber(errorRate),
    },
    {
      key: "cost_estimate",
      title: t("usagePage.table.cost"),
      align: "right",
      render: (_, r) => formats.cost(r.cost_estimate),
      sorter: byNumber((r) => r.cost_estimate),
    },
    { key: "drill", title: t("usagePage.table.drill"), render: (_, r) => drill(r) },
  ];
  return (
    <Table<UsageGroupRow>
      aria-label={t("usagePage.table.title")}
      size="small"
      rowKey={(r) => r.group ?? "\u0000none"}
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: "max-content" }}
      showSorterTooltip={false}
    />
  );
}
