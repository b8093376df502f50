import type { Model } from "@infera/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { Modal } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useWriteToast } from "../../../lib/audit-link";
import { modelKeys, modelPaths } from "../api";
import { UploadModelWizard } from "./upload-model-wizard";

/** The wizard in a dialog: on success a toast links to the audit record and the new version opens. */
export default function UploadModelDialog({
  tenantId,
  projectId,
  model,
  onClose,
}: {
  tenantId: string;
  projectId: string;
  model?: Model;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const toast = useWriteToast();
  const queryClient = useQueryClient();
  return (
    <Modal
      open
      width={920}
      footer={null}
      maskClosable={false}
      title={model ? t("modelsPage.wizard.titleVersion", { name: model.name }) : t("modelsPage.wizard.title")}
      onCancel={onClose}
      destroyOnHidden
    >
      <UploadModelWizard
        projectId={projectId}
        model={model}
        onCancel={onClose}
        onDone={({ model: m, version, auditEventIds }) => {
          void queryClient.invalidateQueries({ queryKey: modelKeys.all });
          toast(t("modelsPage.wizard.created", { id: version.id }), {
            tenantId,
            projectId,
            resourceId: version.id,
            action: "model.version.create",
            eventIds: auditEventIds.slice(-1),
          });
          onClose();
          navigate(modelPaths(tenantId, projectId).version(m.id, version.id));
        }}
      />
    </Modal>
  );
}
