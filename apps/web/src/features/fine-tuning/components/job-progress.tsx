import type { FineTuneJobProgress } from "@infera/contracts";
import { Progress, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatDuration } from "../api";

/** How far the running job got: a bar of steps done, with epoch, latest loss and the runtime's ETA. */
export function JobProgress({ progress }: { progress: FineTuneJobProgress }) {
  const { t } = useTranslation();
  const { step, total_steps: total } = progress;
  // The runtime's own percentage when it gives one (it knows about warmup and evaluation), else steps.
  const percent = progress.percentage ?? (total > 0 ? (step / total) * 100 : 0);
  return (
    <Space orientation="vertical" size={4} style={{ width: "100%" }} data-testid="job-progress">
      <Progress
        percent={Math.round(percent * 10) / 10}
        status="active"
        aria-label={t("fineTuningPage.overview.progress")}
      />
      <Space size="middle" wrap>
        <Typography.Text>{t("fineTuningPage.overview.progressStep", { step, total })}</Typography.Text>
        <Typography.Text type="secondary">
          {t("fineTuningPage.overview.progressEpoch", { epoch: Number(progress.epoch.toFixed(2)) })}
        </Typography.Text>
        {progress.loss !== undefined ? (
          <Typography.Text type="secondary">
            {t("fineTuningPage.overview.progressLoss", { loss: Number(progress.loss.toPrecision(4)) })}
          </Typography.Text>
        ) : null}
        {progress.eta_seconds !== null ? (
          <Typography.Text type="secondary">
            {t("fineTuningPage.overview.progressEta", { eta: formatDuration(progress.eta_seconds) })}
          </Typography.Text>
        ) : null}
      </Space>
    </Space>
  );
}
