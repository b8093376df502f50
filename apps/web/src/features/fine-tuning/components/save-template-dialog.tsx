import type { FineTuneJobConfig } from "@infera/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { Form, Input, Modal, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { InlineError } from "../../../components/error-state/inline-error";
import { useWriteToast } from "../../../lib/audit-link";
import { audited } from "../../../lib/client";
import { useSubmitOnce } from "../../../lib/use-submit-once";
import { configForTemplate, jobKeys } from "../api";

interface Values {
  name: string;
  description?: string;
}

/**
 * "Save as template": a job's configuration (less its name) under a name and description. The
 * server checks the name is free in the project (409 shown in place) and the configuration valid.
 */
export function SaveTemplateDialog({
  open,
  tenantId,
  projectId,
  config,
  onClose,
}: {
  open: boolean;
  tenantId: string;
  projectId: string;
  config: FineTuneJobConfig;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const toast = useWriteToast();
  const queryClient = useQueryClient();
  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };
  const [save, saving] = useSubmitOnce(async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setError(null);
    try {
      const { result, auditEventIds } = await audited((c) =>
        c.fineTuning.templates.create(projectId, {
          name: values.name.trim(),
          description: values.description?.trim() ?? "",
          config: configForTemplate(config),
        }),
      );
      toast(t("fineTuningPage.templates.saved", { name: result.name }), {
        tenantId,
        projectId,
        resourceId: result.id,
        action: "fine_tuning.template.create",
        eventIds: auditEventIds,
      });
      void queryClient.invalidateQueries({ queryKey: jobKeys.templates(projectId) });
      close();
    } catch (e) {
      setError(e);
    }
  });
  return (
    <Modal
      open={open}
      title={t("fineTuningPage.templates.saveTitle")}
      okText={t("fineTuningPage.templates.saveOk")}
      cancelText={t("common.cancel")}
      okButtonProps={{ loading: saving }}
      onOk={() => void save()}
      onCancel={close}
      forceRender
      data-modal-id="SaveFineTuneTemplate"
    >
      <Typography.Paragraph type="secondary">{t("fineTuningPage.templates.saveHint")}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="name"
          label={t("fineTuningPage.templates.name")}
          rules={[
            {
              required: true,
              whitespace: true,
              min: 2,
              max: 64,
              message: t("fineTuningPage.templates.nameRequired"),
            },
          ]}
        >
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item name="description" label={t("fineTuningPage.templates.description")}>
          <Input.TextArea maxLength={1000} rows={3} />
        </Form.Item>
      </Form>
      {error ? <InlineError error={error} /> : null}
    </Modal>
  );
}
