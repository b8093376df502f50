import type { UsageReport } from "@infera/contracts";
import { Card, Col, Row } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { EChart } from "../../../components/charts/echart";
import { USAGE_CHARTS, usageChartOption } from "../usage-charts";
import type { UsageFormats } from "../usage-format";

/** Tokens, cost, requests (stacked by group), latency per group, and status codes over time. */
export function UsageChartGrid({ report, formats }: { report: UsageReport; formats: UsageFormats }) {
  const { t } = useTranslation();
  const charts = useMemo(() => {
    const names = {
      other: t("usagePage.other"),
      avg: t("usagePage.avg"),
      p95: t("usagePage.p95"),
      none: t("usagePage.none"),
    };
    const chartFormats = { count: formats.count, cost: formats.cost, ms: (v: number) => formats.ms(v) };
    return USAGE_CHARTS.map((key) => ({
      key,
      title: t(`usagePage.charts.${key}`),
      option: usageChartOption(key, report, names, chartFormats),
    }));
  }, [report, formats, t]);
  return (
    <Row gutter={[12, 12]}>
      {charts.map((c) => (
        <Col key={c.key} xs={24} xl={c.key === "statusCodes" ? 24 : 12}>
          <Card size="small" title={c.title}>
            <EChart option={c.option} ariaLabel={c.title} height={240} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
