import { isCidr, ServiceName } from "@infera/contracts";
import { Form, type FormInstance, Input, Radio, Select } from "antd";
import { useTranslation } from "react-i18next";
import { allowListLines, type ServiceWizardValues } from "./wizard-values";

/** Step 1: name (checked as it is typed), description, env, exposure and the public allow-list. */
export function BasicsStep({
  form,
  projectEnv,
}: {
  form: FormInstance<ServiceWizardValues>;
  projectEnv: string | undefined;
}) {
  const { t } = useTranslation();
  const exposure = Form.useWatch("exposure", form);
  return (
    <>
      <Form.Item
        name="name"
        label={t("serviceWizard.field.name")}
        extra={t("serviceWizard.hint.name")}
        validateTrigger="onChange"
        rules={[
          { required: true, message: t("serviceWizard.error.nameRequired") },
          {
            validator: (_r, value: string | undefined) =>
              !value || ServiceName.safeParse(value).success
                ? Promise.resolve()
                : Promise.reject(new Error(t("serviceWizard.error.nameFormat"))),
          },
        ]}
      >
        <Input maxLength={64} autoComplete="off" />
      </Form.Item>
      <Form.Item name="description" label={t("serviceWizard.field.description")}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Form.Item name="env" label={t("serviceWizard.field.env")} extra={t("serviceWizard.hint.env")}>
        <Select
          allowClear
          placeholder={
            projectEnv
              ? t("serviceWizard.projectEnv", { env: t(`status.env.${projectEnv}` as never) })
              : undefined
          }
          options={(["dev", "test", "prod"] as const).map((value) => ({
            value,
            label: t(`status.env.${value}`),
          }))}
        />
      </Form.Item>
      <Form.Item
        name="exposure"
        label={t("serviceWizard.field.exposure")}
        rules={[{ required: true, message: t("serviceWizard.error.exposureRequired") }]}
      >
        <Radio.Group
          options={[
            { value: "public", label: t("serviceWizard.exposure.public") },
            { value: "private", label: t("serviceWizard.exposure.private") },
          ]}
        />
      </Form.Item>
      {exposure === "public" ? (
        <Form.Item
          name="ip_allow_list"
          label={t("serviceWizard.field.ipAllowList")}
          extra={t("serviceWizard.hint.ipAllowList")}
          validateTrigger="onChange"
          rules={[
            {
              validator: (_r, value: string | undefined) => {
                const bad = allowListLines(value).filter((line) => !isCidr(line));
                return bad.length
                  ? Promise.reject(new Error(t("serviceWizard.error.cidr", { bad: bad.join(", ") })))
                  : Promise.resolve();
              },
            },
          ]}
        >
          <Input.TextArea rows={3} placeholder={"10.0.0.0/8\n2001:db8::/32"} />
        </Form.Item>
      ) : null}
      <Form.Item label={t("serviceWizard.field.protocol")}>
        <span>{t("serviceWizard.protocol")}</span>
      </Form.Item>
    </>
  );
}
