import type { FineTuneJobDetail } from "@infera/contracts";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../../../components/empty-state/empty-state";
import { isFinished } from "../api";

type Kind = "metrics" | "logs" | "checkpoints";

/**
 * A run-data tab with nothing to show: while the job may still report, it says what it waits for;
 * once the job ended, that nothing was recorded (a failed job before its first step).
 */
export function RunDataEmpty({ kind, job }: { kind: Kind; job: FineTuneJobDetail }) {
  const { t } = useTranslation();
  const status = t(`status.fine_tuning_status.${job.status}`);
  const minutes = job.config.checkpoint_interval_minutes;
  const text = {
    metrics: isFinished(job.status)
      ? [t("fineTuningPage.runData.metrics.none"), t("fineTuningPage.runData.metrics.noneHint", { status })]
      : [
          t("fineTuningPage.runData.metrics.waiting"),
          t("fineTuningPage.runData.metrics.waitingHint", { status }),
        ],
    logs: isFinished(job.status)
      ? [t("fineTuningPage.runData.logs.none"), t("fineTuningPage.runData.logs.noneHint", { status })]
      : [t("fineTuningPage.runData.logs.waiting"), t("fineTuningPage.runData.logs.waitingHint", { status })],
    checkpoints: isFinished(job.status)
      ? [
          t("fineTuningPage.runData.checkpoints.none"),
          t("fineTuningPage.runData.checkpoints.noneHint", { status }),
        ]
      : [
          t("fineTuningPage.runData.checkpoints.waiting"),
          t("fineTuningPage.runData.checkpoints.waitingHint", { status, minutes }),
        ],
  }[kind];
  return (
    <div data-run-data={kind}>
      <EmptyState title={text[0]} description={text[1]} />
    </div>
  );
}
