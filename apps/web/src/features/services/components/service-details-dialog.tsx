import type { ServiceDetail, ServiceExposure } from "@infera/contracts";
import { Form, Input, Modal, Radio, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { busyButton } from "../../../components/dialogs/busy-button";
import { InlineError } from "../../../components/error-state/inline-error";
import { audited } from "../../../lib/client";
import { useSubmitOnce } from "../../../lib/use-submit-once";

interface DetailsValues {
  description: string;
  exposure: ServiceExposure;
  /** Absent while the field is hidden (a private service). */
  ip_allow_list?: string[];
}

/**
 * The service's own fields (description, exposure, allow-list): `PATCH` with only what changed; no
 * new revision. Mounted only while open, so it starts from the service as shown.
 */
export function ServiceDetailsDialog({
  service,
  onClose,
  onDone,
}: {
  service: ServiceDetail;
  onClose: () => void;
  onDone: (auditEventIds: string[]) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DetailsValues>();
  const exposure = Form.useWatch("exposure", form) ?? service.exposure;
  const [error, setError] = useState<unknown>(null);
  const [submit, pending] = useSubmitOnce(async () => {
    setError(null);
    let v: DetailsValues;
    try {
      v = await form.validateFields();
    } catch {
      return; // the form shows its field errors
    }
    const patch: Partial<DetailsValues> = {};
    if (v.description !== service.description) patch.description = v.description;
    if (v.exposure !== service.exposure) patch.exposure = v.exposure;
    // The allow-list field is shown for a public service only; a private one keeps its list as is.
    const list = v.ip_allow_list;
    if (list !== undefined && list.join("\n") !== service.ip_allow_list.join("\n"))
      patch.ip_allow_list = list;
    if (!Object.keys(patch).length) return onClose();
    try {
      const { auditEventIds } = await audited((c) => c.services.update(service.id, patch));
      onDone(auditEventIds);
    } catch (e) {
      setError(e);
    }
  });
  return (
    <Modal
      open
      title={t("serviceDetail.details.title", { name: service.name })}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      okButtonProps={busyButton(pending)}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      data-modal-id="Service-details"
    >
      <Form
        form={form}
        layout="vertical"
        name="service-details"
        initialValues={{
          description: service.description,
          exposure: service.exposure,
          ip_allow_list: service.ip_allow_list,
        }}
      >
        <Form.Item name="description" label={t("serviceDetail.settings.description")}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item name="exposure" label={t("serviceDetail.overview.exposure")}>
          <Radio.Group
            options={(["public", "private"] as const).map((e) => ({
              value: e,
              label: t(`serviceDetail.exposure.${e}`),
            }))}
          />
        </Form.Item>
        {exposure === "public" ? (
          <Form.Item
            name="ip_allow_list"
            label={t("serviceDetail.overview.allowList")}
            extra={t("serviceDetail.details.allowListHint")}
          >
            <Select mode="tags" open={false} tokenSeparators={[",", " "]} />
          </Form.Item>
        ) : null}
      </Form>
      {error ? <InlineError error={error} /> : null}
    </Modal>
  );
}
