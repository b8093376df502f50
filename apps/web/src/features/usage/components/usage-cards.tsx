import { InfoCircleOutlined } from "@ant-design/icons";
import type { UsageReport } from "@infera/contracts";
import { Card, Col, Row, Statistic, Tooltip, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { UsageFormats } from "../usage-format";

/**
 * The report's totals (seed 000 §4.3.9 "指标卡"): tokens, average and p95 latency, success rate and
 * the estimated cost, whose tooltip says how it is made and how many calls had no price.
 */
export function UsageCards({ report, formats }: { report: UsageReport; formats: UsageFormats }) {
  const { t } = useTranslation();
  const totals = report.totals;
  const unpriced = totals.requests - totals.priced_requests;
  const card = (key: string, title: ReactNode, value: string, detail: ReactNode) => (
    <Col key={key} xs={24} sm={12} xl={6}>
      <Card size="small" data-usage-card={key}>
        <Statistic title={title} value={value} />
        <Typography.Text type="secondary">{detail}</Typography.Text>
      </Card>
    </Col>
  );
  const costTitle = (
    <span>
      {t("usagePage.cards.cost", { currency: report.currency })}{" "}
      <Tooltip
        title={
          <>
            <div>{t("usagePage.costHelp.models")}</div>
            <div>{t("usagePage.costHelp.classes")}</div>
            <div>{t("usagePage.costHelp.unpriced", { count: unpriced })}</div>
          </>
        }
      >
        <InfoCircleOutlined tabIndex={0} aria-label={t("usagePage.costHelp.label")} role="img" />
      </Tooltip>
    </span>
  );
  return (
    <Row gutter={[12, 12]}>
      {card(
        "tokens",
        t("usagePage.cards.tokens"),
        formats.count(totals.total_tokens),
        t("usagePage.cards.tokensDetail", {
          prompt: formats.count(totals.prompt_tokens),
          completion: formats.count(totals.completion_tokens),
        }),
      )}
      {card(
        "latency",
        t("usagePage.cards.latency"),
        formats.ms(totals.latency_avg_ms),
        t("usagePage.cards.latencyDetail", { p95: formats.ms(totals.latency_p95_ms) }),
      )}
      {card(
        "success",
        t("usagePage.cards.success"),
        formats.rate(totals.success_rate),
        t("usagePage.cards.successDetail", {
          requests: formats.count(totals.requests),
          errors: formats.count(totals.errors),
        }),
      )}
      {card(
        "cost",
        costTitle,
        formats.cost(totals.cost_estimate),
        unpriced
          ? t("usagePage.cards.costUnpriced", { count: unpriced })
          : t("usagePage.cards.costAllPriced"),
      )}
    </Row>
  );
}
