import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import { DangerConfirmDialog } from "../../../components/dialogs/danger-confirm-dialog";
import { DependantsList } from "../../../shared/dependants-list";
import { deleteDataset, deleteVersion } from "../api";
import type { Dataset, DatasetVersion } from "../types";

/** DeleteDatasetConfirm: type the name; a dataset still used lists its dependants (409 resource_in_use). */
export function DeleteDatasetDialog({
  tenantId,
  dataset,
  onCancel,
  onDeleted,
}: {
  tenantId: string;
  dataset: Dataset | null;
  onCancel: () => void;
  onDeleted: (dataset: Dataset) => void;
}) {
  const { t } = useTranslation();
  return (
    <DangerConfirmDialog
      open={Boolean(dataset)}
      title={t("datasetsPage.deleteTitle", { name: dataset?.name ?? "" })}
      confirmName={dataset?.name ?? ""}
      onCancel={onCancel}
      onConfirm={async () => {
        if (!dataset) return;
        await deleteDataset(dataset.id);
        onDeleted(dataset);
      }}
      renderError={(e) => <DependantsList tenantId={tenantId} error={e} onNavigate={onCancel} />}
    >
      <Alert type="warning" showIcon title={t("datasetsPage.deleteWarning")} />
    </DangerConfirmDialog>
  );
}

/** DeleteDatasetVersionConfirm: type `v<number>`; a version in use lists its dependants. */
export function DeleteVersionDialog({
  tenantId,
  version,
  onCancel,
  onDeleted,
}: {
  tenantId: string;
  version: DatasetVersion | null;
  onCancel: () => void;
  onDeleted: (version: DatasetVersion) => void;
}) {
  const { t } = useTranslation();
  const label = version ? `v${version.number}` : "";
  return (
    <DangerConfirmDialog
      open={Boolean(version)}
      title={t("datasetsPage.deleteVersionTitle", { version: label })}
      confirmName={label}
      onCancel={onCancel}
      onConfirm={async () => {
        if (!version) return;
        await deleteVersion(version.id);
        onDeleted(version);
      }}
      renderError={(e) => <DependantsList tenantId={tenantId} error={e} onNavigate={onCancel} />}
    >
      <Alert type="warning" showIcon title={t("datasetsPage.deleteVersionWarning")} />
    </DangerConfirmDialog>
  );
}
