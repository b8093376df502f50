import type { EvaluationRun } from "@infera/contracts";
import { Alert, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { summarySentenceText } from "../summary-sentence";
import { MetricCards } from "./metric-cards";
import { SamplesTable } from "./samples-table";
import { SlicesTable } from "./slices-table";

/** Report: the sentence, a card per metric, the slices, and every sample (worst first). */
export function ReportTab({ run }: { run: EvaluationRun }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size="large" style={{ width: "100%" }}>
      {run.error ? (
        <Alert type="error" showIcon title={t("evaluationPage.report.error")} description={run.error} />
      ) : null}
      {run.summary ? (
        <>
          <Typography.Paragraph strong data-testid="summary-sentence" style={{ marginBottom: 0 }}>
            {summarySentenceText(run, t)}
          </Typography.Paragraph>
          <MetricCards run={run} />
          {run.summary.slices && Object.keys(run.summary.slices).length ? (
            <div>
              <Typography.Title level={5}>{t("evaluationPage.report.slices")}</Typography.Title>
              <SlicesTable run={run} />
            </div>
          ) : null}
        </>
      ) : (
        <EmptyState
          title={t("evaluationPage.report.noSummary")}
          description={t("evaluationPage.report.noSummaryHint")}
        />
      )}
      <div>
        <Typography.Title level={5}>{t("evaluationPage.samples.title")}</Typography.Title>
        <SamplesTable run={run} />
      </div>
    </Space>
  );
}
