import type { FineTuneJob } from "@infera/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useWriteToast } from "../../../lib/audit-link";
import { type JobAction, jobKeys, jobLabel, jobPaths } from "../api";
import { FixCloneDialog } from "./fix-clone-dialog";
import { JobActionDialog, type PendingJobWrite } from "./job-action-dialogs";

/**
 * The job actions shared by the list and the detail page: clone opens the wizard prefilled; cancel,
 * retry and delete confirm first, then refresh the jobs and toast with the audit link; "Fix and
 * clone" shows the failure's fix, clones with it and opens the new job (or the wizard, to edit it).
 */
export function useJobActions(tenantId: string, projectId: string, opts: { afterDelete?: () => void } = {}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const toast = useWriteToast();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<PendingJobWrite | null>(null);
  const [fixing, setFixing] = useState<FineTuneJob | null>(null);
  const paths = jobPaths(tenantId, projectId);

  const onAction = (action: JobAction, job: FineTuneJob) => {
    if (action === "clone") navigate(paths.clone(job.id));
    else if (action === "fix") setFixing(job);
    else setPending({ action, job });
  };
  const dialog = (
    <>
      <FixCloneDialog
        job={fixing}
        onCancel={() => setFixing(null)}
        onEdit={(source) => {
          setFixing(null);
          navigate(paths.cloneWithFix(source.id));
        }}
        onDone={(source, created, eventIds) => {
          setFixing(null);
          toast(t("fineTuningPage.done.fixed", { name: jobLabel(source) }), {
            tenantId,
            projectId,
            resourceId: created.id,
            action: "fine_tuning.job.create",
            eventIds,
          });
          void queryClient.invalidateQueries({ queryKey: jobKeys.all });
          navigate(paths.job(created.id));
        }}
      />
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
    </>
  );
  return { onAction, dialog };
}
