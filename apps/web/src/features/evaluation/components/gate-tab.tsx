import type { EvaluationRun, GateRuleOutcome } from "@infera/contracts";
import { Alert, Button, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { evalPaths, formatValue } from "../api";
import { gateRuleReasonText } from "../gate-rule-reason";
import { regressionFailureText } from "../regression-failure-text";

/**
 * Gate: each rule with the run's value, its interval, what it was compared with and the verdict with
 * its reason. A failed gate names the rules that failed and offers to evaluate again.
 */
export function GateTab({
  run,
  projectId,
  onRerun,
}: {
  run: EvaluationRun;
  projectId: string;
  onRerun: () => void;
}) {
  const { t } = useTranslation();
  const { tenantId = "" } = useParams();
  const gate = run.gate;
  if (!gate) return <Alert type="info" showIcon title={t("evaluationPage.gateTab.pending")} />;
  const failed = gate.rules.filter((r) => !r.passed);
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      {gate.passed ? (
        <Alert type="success" showIcon title={t("evaluationPage.gateTab.passed")} />
      ) : (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t("evaluationPage.gateTab.failed", { count: failed.length })}
          description={
            <Space orientation="vertical" style={{ width: "100%" }}>
              <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="failed-rules">
                {failed.map((r) => (
                  <li key={r.rule_id}>
                    <Typography.Text strong>{t(`evaluationPage.metric.${r.metric}`)}</Typography.Text>:{" "}
                    {gateRuleReasonText(r, t)}
                  </li>
                ))}
              </ul>
              <Typography.Text type="secondary">{t("evaluationPage.gateTab.advice")}</Typography.Text>
              <PermissionGuard action="evaluation.create" projectId={projectId}>
                <Button type="primary" onClick={onRerun}>
                  {t("evaluationPage.gateTab.reevaluate")}
                </Button>
              </PermissionGuard>
            </Space>
          }
        />
      )}
      <Table<GateRuleOutcome>
        size="small"
        rowKey="rule_id"
        pagination={false}
        aria-label={t("evaluationPage.gateTab.rules")}
        dataSource={gate.rules}
        scroll={{ x: true }}
        expandable={{
          rowExpandable: (r) => (r.regression?.failures.length ?? 0) > 0,
          defaultExpandAllRows: true,
          expandedRowRender: (r) => <RegressionFailures outcome={r} />,
        }}
        columns={[
          {
            key: "metric",
            title: t("evaluationPage.gateTab.metric"),
            render: (_, r) => t(`evaluationPage.metric.${r.metric}`),
          },
          {
            key: "rule",
            title: t("evaluationPage.gateTab.rule"),
            render: (_, r) =>
              r.comparator === "at_least"
                ? t("evaluationPage.gateTab.atLeast")
                : r.comparator === "pass_rate_at_least"
                  ? t("evaluationPage.gateTab.passRate")
                  : t("evaluationPage.gateTab.notWorse"),
          },
          { key: "value", title: t("evaluationPage.gateTab.value"), render: (_, r) => formatValue(r.value) },
          {
            key: "interval",
            title: t("evaluationPage.gateTab.interval"),
            render: (_, r) =>
              r.ci_low === null || r.ci_high === null
                ? "—"
                : `[${formatValue(r.ci_low)}, ${formatValue(r.ci_high)}]`,
          },
          {
            key: "threshold",
            title: t("evaluationPage.gateTab.threshold"),
            render: (_, r) => formatValue(r.threshold),
          },
          {
            key: "baseline",
            title: t("evaluationPage.gateTab.baseline"),
            render: (_, r) => formatValue(r.baseline_value),
          },
          {
            key: "verdict",
            title: t("evaluationPage.gateTab.verdict"),
            render: (_, r) => (
              <Tag color={r.passed ? "green" : "red"} data-passed={String(r.passed)}>
                <span style={r.passed ? { color: "#135200" } : undefined}>
                  {r.passed ? t("evaluationPage.gate.passed") : t("evaluationPage.gate.failed")}
                </span>
              </Tag>
            ),
          },
          {
            key: "reason",
            title: t("evaluationPage.gateTab.reason"),
            render: (_, r) => gateRuleReasonText(r, t),
          },
        ]}
      />
      <Link to={evalPaths(tenantId, projectId).gateRules} data-testid="manage-gate-rules">
        {t("evaluationGateRules.manage")}
      </Link>
    </Space>
  );
}

/** A pass-rate rule's failing prompts: the prompt, the failed check's reason, a link to its sample. */
function RegressionFailures({ outcome }: { outcome: GateRuleOutcome }) {
  const { t } = useTranslation();
  const r = outcome.regression;
  if (!r) return null;
  return (
    <section
      aria-label={t("evaluationPage.gateTab.failingPrompts", { failed: r.total - r.passed, total: r.total })}
    >
      <Typography.Text strong>
        {t("evaluationPage.gateTab.failingPrompts", { failed: r.total - r.passed, total: r.total })}
      </Typography.Text>{" "}
      <Link to={`?tab=samples&gate_rule=${outcome.rule_id}`}>{t("evaluationPage.gateTab.allFailing")}</Link>
      <Table
        size="small"
        rowKey="index"
        pagination={false}
        dataSource={r.failures}
        columns={[
          { key: "n", title: "#", render: (_, f) => f.prompt_index },
          { key: "prompt", title: t("evaluationPage.gateTab.prompt"), render: (_, f) => f.prompt },
          {
            key: "check",
            title: t("evaluationPage.gateTab.failedCheck"),
            render: (_, f) => regressionFailureText(f, t),
          },
          {
            key: "sample",
            title: "",
            render: (_, f) => (
              <Link to={`?tab=samples&gate_rule=${outcome.rule_id}`}>
                {t("evaluationPage.gateTab.openSample", { index: f.index })}
              </Link>
            ),
          },
        ]}
      />
    </section>
  );
}
