import { EditOutlined } from "@ant-design/icons";
import type { CloneFineTuneJobInput, FineTuneJob, FineTuneJobDetail } from "@infera/contracts";
import { Alert, Button, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/dialogs/confirm-dialog";
import { audited } from "../../../lib/client";
import { failureFix, jobLabel } from "../api";

/** A setting's value as text: absent as a dash. */
function show(value: unknown): string {
  if (value === undefined || value === null) return "—";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * "Fix and clone": the settings the failure's fix changes (old → new), then a clone of the job with
 * exactly that patch through `audited`; "Edit in wizard" opens the wizard with the fix applied instead.
 */
export function FixCloneDialog({
  job,
  onCancel,
  onDone,
  onEdit,
}: {
  job: FineTuneJob | null;
  onCancel: () => void;
  onDone: (source: FineTuneJob, created: FineTuneJobDetail, auditEventIds: string[]) => void;
  onEdit: (source: FineTuneJob) => void;
}) {
  const { t } = useTranslation();
  const fix = job ? failureFix(job) : null;
  const name = job ? jobLabel(job) : "";
  return (
    <ConfirmDialog
      open={Boolean(job && fix)}
      modalId="FineTuneJob-fix"
      title={t("fineTuningPage.fix.title", { name })}
      confirmText={t("fineTuningPage.fix.submit")}
      onCancel={onCancel}
      onConfirm={async () => {
        if (!job || !fix) return;
        const { result, auditEventIds } = await audited((c) =>
          c.fineTuning.jobs.clone(job.id, fix.patch as CloneFineTuneJobInput),
        );
        onDone(job, result, auditEventIds);
      }}
    >
      <Alert type="info" showIcon title={t("fineTuningPage.fix.body", { name })} />
      <table
        aria-label={t("fineTuningPage.fix.changes")}
        className="infera-kv-table"
        style={{ margin: "12px 0" }}
      >
        <thead>
          <tr>
            <th scope="col" style={{ textAlign: "left", paddingRight: 16 }}>
              {t("fineTuningPage.fix.field")}
            </th>
            <th scope="col" style={{ textAlign: "left", paddingRight: 16 }}>
              {t("fineTuningPage.fix.from")}
            </th>
            <th scope="col" style={{ textAlign: "left" }}>
              {t("fineTuningPage.fix.to")}
            </th>
          </tr>
        </thead>
        <tbody>
          {(fix?.changes ?? []).map((c) => (
            <tr key={c.field} data-field={c.field}>
              <th scope="row" style={{ textAlign: "left", paddingRight: 16, fontWeight: 500 }}>
                <Typography.Text code>{c.field}</Typography.Text>
              </th>
              <td style={{ paddingRight: 16 }}>
                <Typography.Text delete type="secondary">
                  {show(c.from)}
                </Typography.Text>
              </td>
              <td>
                <Typography.Text strong>→ {show(c.to)}</Typography.Text>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button icon={<EditOutlined />} onClick={() => job && onEdit(job)}>
        {t("fineTuningPage.fix.edit")}
      </Button>
    </ConfirmDialog>
  );
}
