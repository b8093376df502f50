import type { EvaluationRun } from "@infera/contracts";
import { Button, Descriptions, Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { usePreferences } from "../../../lib/preferences";
import { formatSummary, formatValue, runLabel, runMetricNames, targetOf } from "../api";
import { gateRuleReasonText } from "../gate-rule-reason";
import { regressionFailureText } from "../regression-failure-text";
import { summarySentenceText } from "../summary-sentence";
import { SlicesTable } from "./slices-table";

/**
 * The report as one print-friendly page: no tabs or controls in print, every section expanded, so
 * the browser's "Print / Save as PDF" gives the document people file with a release.
 */
export function PrintableReport({ run, onClose }: { run: EvaluationRun; onClose: () => void }) {
  const { t } = useTranslation();
  const { formatDate } = usePreferences();
  const keys = (["a", "b"] as const).filter((k) => run.summary?.metrics[k]);
  const metrics = runMetricNames(run);
  return (
    <article aria-label={t("evaluationPage.print.title")} data-testid="printable-report">
      <style>{"@media print { .infera-no-print, nav, header, aside { display: none !important; } }"}</style>
      <Space className="infera-no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => window.print()}>
          {t("evaluationPage.print.print")}
        </Button>
        <Button onClick={onClose}>{t("evaluationPage.print.back")}</Button>
      </Space>
      <Typography.Title level={3}>
        {t("evaluationPage.print.heading", { name: runLabel(run) })}
      </Typography.Title>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t("evaluationPage.col.run")}>{run.id}</Descriptions.Item>
        <Descriptions.Item label={t("evaluationPage.wizard.kind")}>
          {t(`evaluationPage.kind.${run.kind}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t("evaluationPage.col.status")}>
          {t(`evaluationPage.status.${run.status}`)}
        </Descriptions.Item>
        {run.targets.map((x) => (
          <Descriptions.Item key={x.key} label={t(`evaluationPage.role.${x.role}`)}>
            {x.label} ({x.model_version_id ?? x.revision_id ?? x.service_id})
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t("evaluationPage.col.dataset")}>
          {run.dataset_version_id ?? "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("common.createdAt")}>{formatDate(run.created_at)}</Descriptions.Item>
        {run.gate ? (
          <Descriptions.Item label={t("evaluationPage.col.gate")}>
            {run.gate.passed ? t("evaluationPage.gate.passed") : t("evaluationPage.gate.failed")}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {run.summary ? (
        <Typography.Paragraph style={{ marginTop: 16 }} data-testid="printable-summary-sentence">
          {summarySentenceText(run, t)}
        </Typography.Paragraph>
      ) : null}
      <Table
        size="small"
        pagination={false}
        rowKey="metric"
        dataSource={metrics.map((metric) => ({ metric }))}
        columns={[
          {
            key: "metric",
            title: t("evaluationPage.gateTab.metric"),
            render: (_, r) => t(`evaluationPage.metric.${r.metric}`, { defaultValue: r.metric }),
          },
          ...keys.map((k) => ({
            key: k,
            title: targetOf(run, k)?.label ?? k,
            render: (_: unknown, r: { metric: string }) => formatSummary(run.summary?.metrics[k]?.[r.metric]),
          })),
        ]}
      />
      <div style={{ marginTop: 16 }}>
        <SlicesTable run={run} />
      </div>
      {run.gate ? (
        <ul style={{ marginTop: 16 }}>
          {run.gate.rules.map((r) => (
            <li key={r.rule_id}>
              {r.passed ? "✓" : "✗"} {t(`evaluationPage.metric.${r.metric}`)} {formatValue(r.value)}:{" "}
              {gateRuleReasonText(r, t)}
              {r.regression?.failures.length ? (
                // The failing regression prompts, each with the check that failed (at most 50 per rule).
                <ul data-testid={`regression-failures-${r.rule_id}`}>
                  {r.regression.failures.map((f) => (
                    <li key={f.index}>
                      #{f.prompt_index} {f.prompt} — {regressionFailureText(f, t)}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}
