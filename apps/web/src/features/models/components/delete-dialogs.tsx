import type { Model, ModelVersion } from "@infera/contracts";
import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../../components/dialogs/confirm-dialog";
import { DangerConfirmDialog } from "../../../components/dialogs/danger-confirm-dialog";
import { audited } from "../../../lib/client";
import { DependantsList } from "../../../shared/dependants-list";

/** DeleteModelConfirm: type the name; a `409 resource_in_use` lists the dependants with links. */
export function DeleteModelDialog({
  tenantId,
  model,
  onCancel,
  onDeleted,
}: {
  tenantId: string;
  model: Model | null;
  onCancel: () => void;
  onDeleted: (model: Model, auditEventIds: string[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <DangerConfirmDialog
      open={Boolean(model)}
      title={t("modelsPage.deleteTitle", { name: model?.name ?? "" })}
      confirmName={model?.name ?? ""}
      onCancel={onCancel}
      onConfirm={async () => {
        if (!model) return;
        const { auditEventIds } = await audited((c) => c.models.delete(model.id));
        onDeleted(model, auditEventIds);
      }}
      renderError={(e) => <DependantsList tenantId={tenantId} error={e} onNavigate={onCancel} />}
    >
      <Alert type="warning" showIcon title={t("modelsPage.deleteWarning")} />
    </DangerConfirmDialog>
  );
}

/** DeleteModelVersionConfirm: a plain confirm; dependants (tags, derived versions…) listed on 409. */
export function DeleteVersionDialog({
  tenantId,
  version,
  onCancel,
  onDeleted,
}: {
  tenantId: string;
  version: ModelVersion | null;
  onCancel: () => void;
  onDeleted: (version: ModelVersion, auditEventIds: string[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <ConfirmDialog
      open={Boolean(version)}
      danger
      modalId="DeleteModelVersionConfirm"
      title={t("modelsPage.version.deleteTitle", { id: version?.id ?? "" })}
      confirmText={t("common.delete")}
      onCancel={onCancel}
      onConfirm={async () => {
        if (!version) return;
        const { auditEventIds } = await audited((c) => c.models.versions.delete(version.id));
        onDeleted(version, auditEventIds);
      }}
      renderError={(e) => <DependantsList tenantId={tenantId} error={e} onNavigate={onCancel} />}
    >
      <Alert type="warning" showIcon title={t("modelsPage.version.deleteHint")} />
    </ConfirmDialog>
  );
}

/** Deleting a tag (its history stays). */
export function DeleteTagDialog({
  model,
  tag,
  onCancel,
  onDeleted,
}: {
  model: Model;
  tag: string | null;
  onCancel: () => void;
  onDeleted: (tag: string, auditEventIds: string[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <ConfirmDialog
      open={Boolean(tag)}
      danger
      title={t("modelsPage.tags.deleteTitle", { tag: tag ?? "" })}
      confirmText={t("common.delete")}
      onCancel={onCancel}
      onConfirm={async () => {
        if (!tag) return;
        const { auditEventIds } = await audited((c) => c.models.tags.delete(model.id, tag));
        onDeleted(tag, auditEventIds);
      }}
    >
      {t("modelsPage.tags.deleteHint")}
    </ConfirmDialog>
  );
}
