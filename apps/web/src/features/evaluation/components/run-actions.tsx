import type { EvaluationRun } from "@infera/contracts";
import { Button, Space } from "antd";
import { useTranslation } from "react-i18next";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { canCancel, isOpen, runLabel } from "../api";
import type { RunAction } from "./use-run-actions";

/**
 * Re-run (a finished run) and cancel (a queued or running one), each behind its permission:
 * hidden in a table row, disabled with the server's reason in the detail header.
 */
export function RunActions({
  run,
  projectId,
  onAction,
  mode = "hide",
  size = "small",
}: {
  run: EvaluationRun;
  projectId: string;
  onAction: (action: RunAction, run: EvaluationRun) => void;
  mode?: "hide" | "lock";
  size?: "small" | "middle";
}) {
  const { t } = useTranslation();
  const name = runLabel(run);
  return (
    <Space size={4} wrap>
      {isOpen(run.status) ? null : (
        <PermissionGuard action="evaluation.create" projectId={projectId} mode={mode}>
          <Button
            size={size}
            type={size === "small" ? "link" : "default"}
            aria-label={t("evaluationPage.actions.rerunOf", { name })}
            onClick={() => onAction("rerun", run)}
          >
            {t("evaluationPage.actions.rerun")}
          </Button>
        </PermissionGuard>
      )}
      {canCancel(run.status) ? (
        <PermissionGuard action="evaluation.cancel" projectId={projectId} mode={mode}>
          <Button
            size={size}
            type={size === "small" ? "link" : "default"}
            danger
            aria-label={t("evaluationPage.actions.cancelOf", { name })}
            onClick={() => onAction("cancel", run)}
          >
            {t("evaluationPage.actions.cancel")}
          </Button>
        </PermissionGuard>
      ) : null}
    </Space>
  );
}
