import { EditOutlined, ToolOutlined } from "@ant-design/icons";
import type { FineTuneJob } from "@infera/contracts";
import { Alert, Button, Descriptions, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { failureFix, jobPaths } from "../api";

/** A setting's value as text. */
const show = (value: unknown) =>
  value === undefined || value === null
    ? "—"
    : typeof value === "object"
      ? JSON.stringify(value)
      : String(value);

/**
 * Why the job failed: the classified reason, the runtime's message, and what to change next time.
 * When the failure has a mechanical remedy, its changes (old → new) with "Fix and clone" (a confirm
 * dialog, then the clone) and "Edit in wizard" (the wizard prefilled with the fix applied).
 */
export function FailurePanel({
  job,
  tenantId,
  projectId,
  onFix,
}: {
  job: FineTuneJob & { failure: NonNullable<FineTuneJob["failure"]> };
  tenantId: string;
  projectId: string;
  /** Opens the fix-and-clone confirmation; without it the panel shows no fix buttons. */
  onFix?: (job: FineTuneJob) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { failure } = job;
  const fix = failureFix(job);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t("fineTuningPage.failure.title", {
        reason: t(`fineTuningPage.failure.reason.${failure.reason}`),
      })}
      description={
        <Space orientation="vertical" size="small" style={{ width: "100%" }}>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t("fineTuningPage.failure.code")}>{failure.reason}</Descriptions.Item>
            <Descriptions.Item label={t("fineTuningPage.failure.message")}>
              {failure.message}
            </Descriptions.Item>
            <Descriptions.Item label={t("fineTuningPage.failure.suggestion")}>
              {failure.suggestion ?? t("fineTuningPage.failure.noSuggestion")}
            </Descriptions.Item>
            {fix ? (
              <Descriptions.Item label={t("fineTuningPage.failure.fix")}>
                <span data-testid="failure-fix">
                  {fix.changes.map((c, i) => (
                    <span key={c.field}>
                      {i > 0 ? ", " : ""}
                      <Typography.Text code>{c.field}</Typography.Text> {show(c.from)} → {show(c.to)}
                    </span>
                  ))}
                </span>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {fix && onFix ? (
            <Space wrap>
              <PermissionGuard action="fine_tuning.job.create" projectId={projectId}>
                <Button type="primary" icon={<ToolOutlined />} onClick={() => onFix(job)}>
                  {t("fineTuningPage.fix.button")}
                </Button>
              </PermissionGuard>
              <PermissionGuard action="fine_tuning.job.create" projectId={projectId}>
                <Button
                  icon={<EditOutlined />}
                  onClick={() => navigate(jobPaths(tenantId, projectId).cloneWithFix(job.id))}
                >
                  {t("fineTuningPage.fix.edit")}
                </Button>
              </PermissionGuard>
            </Space>
          ) : null}
        </Space>
      }
    />
  );
}
