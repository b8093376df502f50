import type { TrainingMetrics } from "@infera/contracts";
import { Descriptions, Typography } from "antd";
import { useTranslation } from "react-i18next";

/** Four significant digits: losses of tiny and large models alike stay readable. */
function num(value: number | null): string {
  return value === null ? "—" : Number(value.toPrecision(4)).toString();
}

/**
 * How a fine-tuning run ended (seed 004 FR36): the final training loss, and the validation loss and
 * perplexity when the job held out a split. Shown with the job and with the version it produced.
 */
export function TrainingMetricsTable({ metrics }: { metrics: TrainingMetrics }) {
  const { t } = useTranslation();
  const noValidation = metrics.eval_loss === null;
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t("fineTuningPage.overview.resultsHint")}
      </Typography.Paragraph>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} aria-label={t("fineTuningPage.overview.results")}>
        <Descriptions.Item label={t("fineTuningPage.overview.trainLoss")}>
          {num(metrics.train_loss)}
        </Descriptions.Item>
        <Descriptions.Item label={t("fineTuningPage.overview.evalLoss")}>
          {noValidation ? t("fineTuningPage.overview.noValidation") : num(metrics.eval_loss)}
        </Descriptions.Item>
        <Descriptions.Item label={t("fineTuningPage.overview.perplexity")}>
          {noValidation ? "—" : num(metrics.perplexity)}
        </Descriptions.Item>
        <Descriptions.Item label={t("fineTuningPage.overview.bestEvalLoss")}>
          {num(metrics.best_eval_loss)}
        </Descriptions.Item>
        <Descriptions.Item label={t("fineTuningPage.overview.steps")}>{metrics.steps}</Descriptions.Item>
      </Descriptions>
    </>
  );
}
