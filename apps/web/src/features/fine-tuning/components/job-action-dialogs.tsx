import type { FineTuneJob } from "@infera/contracts";
import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/dialogs/confirm-dialog";
import { audited } from "../../../lib/client";
import { jobLabel } from "../api";

export type PendingJobWrite = { action: "cancel" | "retry" | "delete"; job: FineTuneJob };

/**
 * Confirms a cancel, retry or delete and runs it through `audited` (its toast links to the audit
 * record); the server's refusal (a state that moved on, a permission) is shown in the dialog.
 */
export function JobActionDialog({
  pending,
  onCancel,
  onDone,
}: {
  pending: PendingJobWrite | null;
  onCancel: () => void;
  onDone: (write: PendingJobWrite, auditEventIds: string[]) => void;
}) {
  const { t } = useTranslation();
  const name = pending ? jobLabel(pending.job) : "";
  const action = pending?.action ?? "cancel";
  const text = {
    cancel: {
      title: t("fineTuningPage.confirm.cancelTitle", { name }),
      body: t("fineTuningPage.confirm.cancelBody"),
      ok: t("fineTuningPage.confirm.cancelOk"),
    },
    retry: {
      title: t("fineTuningPage.confirm.retryTitle", { name }),
      body: t("fineTuningPage.confirm.retryBody"),
      ok: t("fineTuningPage.actions.retry"),
    },
    delete: {
      title: t("fineTuningPage.confirm.deleteTitle", { name }),
      body: t("fineTuningPage.confirm.deleteBody"),
      ok: t("fineTuningPage.actions.delete"),
    },
  }[action];
  return (
    <ConfirmDialog
      open={Boolean(pending)}
      danger={action !== "retry"}
      modalId={`FineTuneJob-${action}`}
      title={text.title}
      confirmText={text.ok}
      onCancel={onCancel}
      onConfirm={async () => {
        if (!pending) return;
        const id = pending.job.id;
        const { auditEventIds } = await audited(async (c) => {
          if (pending.action === "cancel") await c.fineTuning.jobs.cancel(id);
          else if (pending.action === "retry") await c.fineTuning.jobs.retry(id);
          else await c.fineTuning.jobs.delete(id);
        });
        onDone(pending, auditEventIds);
      }}
    >
      <Alert type={action === "retry" ? "info" : "warning"} showIcon title={text.body} />
    </ConfirmDialog>
  );
}
