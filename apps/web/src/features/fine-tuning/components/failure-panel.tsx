import type { JobFailure } from "@infera/contracts";
import { Alert, Descriptions } from "antd";
import { useTranslation } from "react-i18next";

/** Why the job failed: the classified reason, the runtime's message, and what to change next time. */
export function FailurePanel({ failure }: { failure: JobFailure }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t("fineTuningPage.failure.title", {
        reason: t(`fineTuningPage.failure.reason.${failure.reason}`),
      })}
      description={
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t("fineTuningPage.failure.code")}>{failure.reason}</Descriptions.Item>
          <Descriptions.Item label={t("fineTuningPage.failure.message")}>{failure.message}</Descriptions.Item>
          <Descriptions.Item label={t("fineTuningPage.failure.suggestion")}>
            {failure.suggestion ?? t("fineTuningPage.failure.noSuggestion")}
          </Descriptions.Item>
        </Descriptions>
      }
    />
  );
}
