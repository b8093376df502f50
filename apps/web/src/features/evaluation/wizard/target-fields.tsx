import { AutoComplete, Form, type FormInstance, Input, Radio, Space } from "antd";
import { useTranslation } from "react-i18next";
import { ModelPicker, RevisionPicker, ServicePicker } from "./pickers";
import type { WizardValues } from "./wizard-values";

const suggestedRefs = ["latest", "staging", "prod"];

export function TargetFields({
  form,
  index,
  projectId,
  title,
}: {
  form: FormInstance<WizardValues>;
  index: number;
  projectId: string;
  title: string;
}) {
  const { t } = useTranslation();
  const by = Form.useWatch(["targets", index, "by"], { form, preserve: true }) ?? "model";
  const serviceId = Form.useWatch(["targets", index, "service_id"], { form, preserve: true });
  const required = (label: string) => [
    { required: true, message: t("evaluationPage.wizard.required", { field: label }) },
  ];
  const label = (key: "targetBy" | "model" | "ref" | "model_version_id" | "service" | "revision") =>
    `${title} · ${t(`evaluationPage.field.${key}`)}`;
  return (
    <fieldset
      style={{ border: "1px solid rgba(5,5,5,0.12)", borderRadius: 8, padding: 12, marginBottom: 16 }}
    >
      <legend style={{ padding: "0 4px", width: "auto", marginBottom: 0, fontSize: 14 }}>{title}</legend>
      <Form.Item name={["targets", index, "by"]} label={t("evaluationPage.field.targetBy")}>
        <Radio.Group
          optionType="button"
          aria-label={label("targetBy")}
          options={(["model", "version", "service"] as const).map((value) => ({
            value,
            label: t(`evaluationPage.targetBy.${value}`),
          }))}
        />
      </Form.Item>
      {by === "model" ? (
        <Space wrap style={{ width: "100%" }} align="start">
          <Form.Item
            name={["targets", index, "model_id"]}
            label={t("evaluationPage.field.model")}
            rules={required(t("evaluationPage.field.model"))}
            style={{ minWidth: 320 }}
          >
            <ModelPicker projectId={projectId} aria-label={label("model")} />
          </Form.Item>
          <Form.Item
            name={["targets", index, "ref"]}
            label={t("evaluationPage.field.ref")}
            style={{ minWidth: 200 }}
          >
            <AutoComplete aria-label={label("ref")} options={suggestedRefs.map((value) => ({ value }))} />
          </Form.Item>
        </Space>
      ) : null}
      {by === "version" ? (
        <Form.Item
          name={["targets", index, "model_version_id"]}
          label={t("evaluationPage.field.model_version_id")}
          rules={required(t("evaluationPage.field.model_version_id"))}
        >
          <Input aria-label={label("model_version_id")} placeholder="mv_…" />
        </Form.Item>
      ) : null}
      {by === "service" ? (
        <Space wrap style={{ width: "100%" }} align="start">
          <Form.Item
            name={["targets", index, "service_id"]}
            label={t("evaluationPage.field.service")}
            rules={required(t("evaluationPage.field.service"))}
            style={{ minWidth: 320 }}
          >
            <ServicePicker projectId={projectId} aria-label={label("service")} />
          </Form.Item>
          <Form.Item
            name={["targets", index, "revision_id"]}
            label={t("evaluationPage.field.revision")}
            style={{ minWidth: 280 }}
          >
            <RevisionPicker
              serviceId={serviceId}
              aria-label={label("revision")}
              placeholder={t("evaluationPage.field.revisionAny")}
            />
          </Form.Item>
        </Space>
      ) : null}
    </fieldset>
  );
}
