import type { FineTuneJob } from "@infera/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useWriteToast } from "../../../lib/audit-link";
import { type JobAction, jobKeys, jobLabel, jobPaths } from "../api";
import { JobActionDialog, type PendingJobWrite } from "./job-action-dialogs";

/**
 * The job actions shared by the list and the detail page: clone opens the wizard prefilled; cancel,
 * retry and delete confirm first, then refresh the jobs and toast with the audit link.
 */
export function useJobActions(tenantId: string, projectId: string, opts: { afterDelete?: () => void } = {}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const toast = useWriteToast();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<PendingJobWrite | null>(null);
  const paths = jobPaths(tenantId, projectId);

  const onAction = (action: JobAction, job: FineTuneJob) => {
    if (action === "clone") navigate(paths.clone(job.id));
    else setPending({ action, job });
  };
  const dialog = (
    <JobActionDialog
      pending={pending}
      onCancel={() => setPending(null)}
      onDone={(write, eventIds) => {
        setPending(null);
        const name = jobLabel(write.job);
        const done = {
          cancel: t("fineTuningPage.done.canceled", { name }),
          retry: t("fineTuningPage.done.retried", { name }),
          delete: t("fineTuningPage.done.deleted", { name }),
        }[write.action];
        toast(done, {
          tenantId,
          projectId,
          resourceId: write.job.id,
          action: `fine_tuning.job.${write.action}`,
          eventIds,
        });
        void queryClient.invalidateQueries({ queryKey: jobKeys.all });
        if (write.action === "delete") opts.afterDelete?.();
      }}
    />
  );
  return { onAction, dialog };
}
