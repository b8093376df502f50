import { Card, Col, Descriptions, Row, Statistic, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { TokenStatistics } from "../types";

const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString() : n.toFixed(1));

/**
 * Token statistics (§4.3.4 version drawer): prompt, completion and total tokens per row (mean, p50,
 * p95, max) and their sums, the tokenizer that counted them, and the rows over the max length.
 */
export function TokenStatsCards({ stats }: { stats: TokenStatistics | null }) {
  const { t } = useTranslation();
  if (!stats) {
    return <Typography.Text type="secondary">{t("datasetsPage.tokens.none")}</Typography.Text>;
  }
  const parts = [
    { key: "prompt", label: t("datasetsPage.tokens.prompt"), d: stats.prompt },
    { key: "completion", label: t("datasetsPage.tokens.completion"), d: stats.completion },
    { key: "total", label: t("datasetsPage.tokens.total"), d: stats.total },
  ] as const;
  return (
    <section aria-label={t("datasetsPage.tokens.title")}>
      <Row gutter={[12, 12]}>
        {parts.map(({ key, label, d }) => (
          <Col key={key} xs={24} md={8}>
            <Card size="small" title={label} data-testid={`tokens-${key}`}>
              <Statistic title={t("datasetsPage.tokens.sum")} value={fmt(d.sum)} />
              <Descriptions
                size="small"
                column={2}
                items={[
                  { key: "mean", label: t("datasetsPage.tokens.mean"), children: fmt(d.mean) },
                  { key: "p50", label: "p50", children: fmt(d.p50) },
                  { key: "p95", label: "p95", children: fmt(d.p95) },
                  { key: "max", label: t("datasetsPage.tokens.max"), children: fmt(d.max) },
                ]}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        style={{ marginTop: 12 }}
        items={[
          {
            key: "tokenizer",
            label: t("datasetsPage.tokens.tokenizer"),
            children: <span title={stats.tokenizer.id}>{stats.tokenizer.name}</span>,
          },
          { key: "rows", label: t("datasetsPage.tokens.rows"), children: fmt(stats.rows) },
          {
            key: "over",
            label: t("datasetsPage.tokens.overMax"),
            children:
              stats.max_length === null
                ? t("datasetsPage.tokens.noMaxLength")
                : t("datasetsPage.tokens.overMaxValue", {
                    rows: fmt(stats.rows_over_max_length),
                    max: fmt(stats.max_length),
                    cut: fmt(stats.truncated_tokens),
                  }),
          },
        ]}
      />
      {stats.total.exact ? null : (
        <Typography.Text type="secondary">{t("datasetsPage.tokens.approximate")}</Typography.Text>
      )}
    </section>
  );
}
