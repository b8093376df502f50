import type { ApiKeyWithSecret } from "@infera/contracts";
import { Form, Modal } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { busyButton } from "../../../components/dialogs/busy-button";
import { InlineError } from "../../../components/error-state/inline-error";
import { audited } from "../../../lib/client";
import { useSubmitOnce } from "../../../lib/use-submit-once";
import { type ApiKeyFormValues, newKeyValues, serverFieldErrors, toCreateInput } from "../key-form";
import { ApiKeyFormFields } from "./api-key-form-fields";

/**
 * Creates a key (seed 000 §4.3.8); a refusal that names a field is shown on that field, any other
 * under the form. Mounted only while open, so it starts empty each time.
 */
export function CreateApiKeyDialog({
  projectId,
  onClose,
  onCreated,
}: {
  projectId: string;
  onClose: () => void;
  onCreated: (key: ApiKeyWithSecret, auditEventIds: string[]) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ApiKeyFormValues>();
  const [error, setError] = useState<unknown>(null);
  const [submit, pending] = useSubmitOnce(async () => {
    setError(null);
    let v: ApiKeyFormValues;
    try {
      v = await form.validateFields();
    } catch {
      return; // the form shows its field errors
    }
    try {
      const { result, auditEventIds } = await audited((c) => c.apiKeys.create(projectId, toCreateInput(v)));
      onCreated(result, auditEventIds);
    } catch (e) {
      const onFields = serverFieldErrors(e);
      if (onFields.length) form.setFields(onFields);
      else setError(e);
    }
  });
  return (
    <Modal
      open
      title={t("apiKeys.createDialog.title")}
      okText={t("apiKeys.createDialog.ok")}
      cancelText={t("common.cancel")}
      okButtonProps={busyButton(pending)}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={600}
      data-modal-id="ApiKey-create"
    >
      <Form form={form} layout="vertical" name="api-key-create" initialValues={newKeyValues}>
        <ApiKeyFormFields />
      </Form>
      {error ? <InlineError error={error} /> : null}
    </Modal>
  );
}
