import type { EvaluationRun } from "@infera/contracts";
import { Card, Col, Row, Statistic, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatValue, runMetricNames, targetOf } from "../api";

/** One card per metric: each target's value with its 95 % interval and the samples it covers. */
export function MetricCards({ run }: { run: EvaluationRun }) {
  const { t } = useTranslation();
  const summary = run.summary;
  if (!summary) return null;
  const keys = (["a", "b"] as const).filter((k) => summary.metrics[k]);
  return (
    <Row gutter={[12, 12]} data-testid="metric-cards">
      {runMetricNames(run).map((metric) => (
        <Col key={metric} xs={24} sm={12} lg={8}>
          <Card
            size="small"
            title={t(`evaluationPage.metric.${metric}`, { defaultValue: metric })}
            data-metric={metric}
          >
            {keys.map((k) => {
              const s = summary.metrics[k]?.[metric];
              return (
                <div key={k} data-target={k} style={{ marginBottom: 8 }}>
                  <Statistic
                    title={targetOf(run, k)?.label ?? k}
                    value={formatValue(s?.value)}
                    suffix={
                      s && s.ci_low !== null && s.ci_high !== null ? (
                        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                          [{formatValue(s.ci_low)}, {formatValue(s.ci_high)}]
                        </Typography.Text>
                      ) : null
                    }
                  />
                  {s ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t("evaluationPage.report.n", { n: s.n })}
                    </Typography.Text>
                  ) : null}
                </div>
              );
            })}
          </Card>
        </Col>
      ))}
    </Row>
  );
}
