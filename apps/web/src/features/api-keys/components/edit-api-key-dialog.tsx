import type { ApiKey } from "@infera/contracts";
import { App, Form, Modal } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { busyButton } from "../../../components/dialogs/busy-button";
import { InlineError } from "../../../components/error-state/inline-error";
import { audited } from "../../../lib/client";
import { useSubmitOnce } from "../../../lib/use-submit-once";
import { type ApiKeyFormValues, keyToValues, serverFieldErrors, toUpdateInput } from "../key-form";
import { ApiKeyFormFields } from "./api-key-form-fields";

/** Changes a key's name, scopes, limits, expiry or note: `PATCH` with only what changed. */
export function EditApiKeyDialog({
  apiKey,
  onClose,
  onDone,
}: {
  apiKey: ApiKey;
  onClose: () => void;
  onDone: (key: ApiKey, auditEventIds: string[]) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ApiKeyFormValues>();
  const [error, setError] = useState<unknown>(null);
  const [submit, pending] = useSubmitOnce(async () => {
    setError(null);
    let v: ApiKeyFormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const patch = toUpdateInput(apiKey, v);
    if (!Object.keys(patch).length) {
      void message.info(t("apiKeys.editDialog.noChanges"));
      return onClose();
    }
    try {
      const { result, auditEventIds } = await audited((c) => c.apiKeys.update(apiKey.id, patch));
      onDone(result, auditEventIds);
    } catch (e) {
      const onFields = serverFieldErrors(e);
      if (onFields.length) form.setFields(onFields);
      else setError(e);
    }
  });
  return (
    <Modal
      open
      title={t("apiKeys.editDialog.title", { name: apiKey.name })}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      okButtonProps={busyButton(pending)}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={600}
      data-modal-id="ApiKey-edit"
    >
      <Form form={form} layout="vertical" name="api-key-edit" initialValues={keyToValues(apiKey)}>
        <ApiKeyFormFields />
      </Form>
      {error ? <InlineError error={error} /> : null}
    </Modal>
  );
}
