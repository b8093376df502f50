import { DownloadOutlined, ReloadOutlined } from "@ant-design/icons";
import type { UsageGranularity, UsageGroupBy, UsageQuery } from "@infera/contracts";
import { Button, Card, DatePicker, Flex, Select, Space, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import {
  GRANULARITIES,
  GROUP_BYS,
  hasFilters,
  ID_FILTERS,
  RANGE_PRESETS,
  STATUS_CLASSES,
  type StatusClass,
  type UsageFilters,
  type UsageView,
} from "../usage-view";
import { FacetSelect } from "./facet-select";

/**
 * The usage page's filter bar (seed 000 §4.3.9 "顶部过滤条"): time range, group by, granularity, the
 * filters and the CSV export of what is shown. Every change goes to the URL through `onChange`.
 */
export function UsageToolbar({
  projectId,
  view,
  query,
  csvUrl,
  onChange,
  onRefresh,
}: {
  projectId: string;
  view: UsageView;
  query: Omit<UsageQuery, "format">;
  csvUrl: string;
  onChange: (view: UsageView) => void;
  onRefresh: () => void;
}) {
  const { t } = useTranslation();
  const setFilter = (key: keyof UsageFilters, value: string | undefined) =>
    onChange({ ...view, filters: { ...view.filters, [key]: value } });
  const onRange = (range: string) => {
    if (range === "custom") {
      onChange({ ...view, range: "custom", from: query.from, to: query.to });
      return;
    }
    const preset = RANGE_PRESETS.find((p) => p === range) ?? "24h";
    onChange({
      ...view,
      range: preset,
      from: undefined,
      to: undefined,
      granularity: preset === "30d" ? "day" : "hour",
    });
  };
  const onCustom = (values: [Dayjs | null, Dayjs | null] | null) => {
    const [from, to] = values ?? [null, null];
    if (from && to) onChange({ ...view, range: "custom", from: from.toISOString(), to: to.toISOString() });
  };
  const labelled = (text: string, control: React.ReactNode) => (
    <Space size={4}>
      <Typography.Text aria-hidden>{text}</Typography.Text>
      {control}
    </Space>
  );

  return (
    <Card size="small" data-usage-toolbar>
      <Flex vertical gap={12}>
        <Flex wrap gap={16} align="center">
          {labelled(
            t("usagePage.range"),
            <Select
              aria-label={t("usagePage.range")}
              style={{ minWidth: 140 }}
              value={view.range}
              onChange={onRange}
              options={[...RANGE_PRESETS, "custom" as const].map((r) => ({
                value: r,
                label: t(`usagePage.ranges.${r}`),
              }))}
            />,
          )}
          {view.range === "custom" ? (
            <DatePicker.RangePicker
              showTime
              aria-label={t("usagePage.customRange")}
              // The report answers at most 90 days, and nothing after now.
              disabledDate={(day, info) =>
                day.isAfter(dayjs(), "day") ||
                (info?.from ? Math.abs(day.diff(info.from, "day")) > 90 : false)
              }
              value={[view.from ? dayjs(view.from) : null, view.to ? dayjs(view.to) : null]}
              onChange={onCustom}
            />
          ) : null}
          {labelled(
            t("usagePage.groupBy"),
            <Select
              aria-label={t("usagePage.groupBy")}
              style={{ minWidth: 160 }}
              value={view.groupBy}
              onChange={(groupBy: UsageGroupBy) => onChange({ ...view, groupBy })}
              options={GROUP_BYS.map((g) => ({ value: g, label: t(`usagePage.groupBys.${g}`) }))}
            />,
          )}
          {labelled(
            t("usagePage.granularity"),
            <Select
              aria-label={t("usagePage.granularity")}
              style={{ minWidth: 110 }}
              value={view.granularity}
              onChange={(granularity: UsageGranularity) => onChange({ ...view, granularity })}
              options={GRANULARITIES.map((g) => ({ value: g, label: t(`usagePage.granularities.${g}`) }))}
            />,
          )}
          <Flex flex="auto" justify="end" gap={8}>
            <Button icon={<ReloadOutlined />} onClick={onRefresh}>
              {t("usagePage.refresh")}
            </Button>
            <Button icon={<DownloadOutlined />} href={csvUrl} download data-usage-csv>
              {t("usagePage.exportCsv")}
            </Button>
          </Flex>
        </Flex>
        <Flex wrap gap={8} align="center">
          <Typography.Text type="secondary">{t("usagePage.filters")}</Typography.Text>
          {ID_FILTERS.map((key) => (
            <FacetSelect
              key={key}
              projectId={projectId}
              filter={key}
              query={query}
              value={view.filters[key]}
              onChange={(v) => setFilter(key, v)}
              label={t(`usagePage.filter.${key}`)}
              placeholder={t(`usagePage.filter.${key}`)}
            />
          ))}
          <Select
            allowClear
            aria-label={t("usagePage.filter.status_class")}
            placeholder={t("usagePage.filter.status_class")}
            style={{ minWidth: 140 }}
            value={view.filters.status_class}
            onChange={(v: StatusClass | undefined) => setFilter("status_class", v)}
            options={STATUS_CLASSES.map((c) => ({ value: c, label: c }))}
          />
          {hasFilters(view.filters) ? (
            <Button type="link" onClick={() => onChange({ ...view, filters: {} })}>
              {t("usagePage.clearFilters")}
            </Button>
          ) : null}
        </Flex>
      </Flex>
    </Card>
  );
}
