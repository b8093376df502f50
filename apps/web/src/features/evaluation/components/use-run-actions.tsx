import type { EvaluationRun } from "@infera/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { App } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { errorMessage } from "../../../components/error-state/error-message";
import { useWriteToast } from "../../../lib/audit-link";
import { audited } from "../../../lib/client";
import { evalKeys, evalPaths, runLabel } from "../api";

export type RunAction = "rerun" | "cancel";

/**
 * Re-run and cancel, shared by the list and the detail page: each confirms, writes through the
 * typed client, refreshes the runs and toasts with the audit link; a re-run opens the new run.
 */
export function useRunActions(tenantId: string, projectId: string) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const toast = useWriteToast();
  const queryClient = useQueryClient();
  const paths = evalPaths(tenantId, projectId);

  return (action: RunAction, run: EvaluationRun) => {
    const name = runLabel(run);
    modal.confirm({
      title: t(`evaluationPage.actions.${action}Confirm`, { name }),
      content: t(`evaluationPage.actions.${action}Hint`),
      okText: t(`evaluationPage.actions.${action}`),
      cancelText: t("common.cancel"),
      okButtonProps: { danger: action === "cancel" },
      onOk: async () => {
        try {
          const { result, auditEventIds } = await audited((c) =>
            action === "rerun" ? c.evaluations.rerun(run.id) : c.evaluations.cancel(run.id),
          );
          toast(t(`evaluationPage.actions.${action}Done`, { name }), {
            tenantId,
            projectId,
            resourceId: result.id,
            action: action === "rerun" ? "evaluation.create" : "evaluation.cancel",
            eventIds: auditEventIds,
          });
          await queryClient.invalidateQueries({ queryKey: evalKeys.all });
          if (action === "rerun") navigate(paths.run(result.id));
        } catch (e) {
          void message.error(errorMessage(e, t));
        }
      },
    });
  };
}
