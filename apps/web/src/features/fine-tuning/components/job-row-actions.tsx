import type { FineTuneJob } from "@infera/contracts";
import { Button, Space } from "antd";
import { useTranslation } from "react-i18next";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { actionPermission, type JobAction, jobLabel, shownActions } from "../api";

/**
 * The actions a job's status allows (cancel, retry, clone, delete, and "Fix and clone" for a failure
 * with a fix), each behind its permission:
 * `hide` in a table row, disabled with the server's reason in the detail header.
 */
export function JobRowActions({
  job,
  projectId,
  onAction,
  mode = "hide",
  size = "small",
}: {
  job: FineTuneJob;
  projectId: string;
  onAction: (action: JobAction, job: FineTuneJob) => void;
  mode?: "hide" | "lock";
  size?: "small" | "middle";
}) {
  const { t } = useTranslation();
  const name = jobLabel(job);
  const label: Record<JobAction, string> = {
    cancel: t("fineTuningPage.actions.cancel"),
    retry: t("fineTuningPage.actions.retry"),
    clone: t("fineTuningPage.actions.clone"),
    fix: t("fineTuningPage.actions.fix"),
    delete: t("fineTuningPage.actions.delete"),
  };
  const aria: Record<JobAction, string> = {
    cancel: t("fineTuningPage.actions.cancelOf", { name }),
    retry: t("fineTuningPage.actions.retryOf", { name }),
    clone: t("fineTuningPage.actions.cloneOf", { name }),
    fix: t("fineTuningPage.actions.fixOf", { name }),
    delete: t("fineTuningPage.actions.deleteOf", { name }),
  };
  return (
    <Space size={4} wrap>
      {shownActions(job).map((a) => (
        <PermissionGuard
          key={a}
          action={actionPermission[a]}
          projectId={projectId}
          mode={mode === "hide" ? "hide" : "lock"}
        >
          <Button
            size={size}
            type={size === "small" ? "link" : "default"}
            danger={a === "delete" || a === "cancel"}
            aria-label={aria[a]}
            onClick={() => onAction(a, job)}
          >
            {label[a]}
          </Button>
        </PermissionGuard>
      ))}
    </Space>
  );
}
