import { API_KEY_SCOPES } from "@infera/contracts";
import { Checkbox, DatePicker, Form, Input, InputNumber, Radio, Space, Typography } from "antd";
import type { CheckboxGroupProps } from "antd/es/checkbox";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { type ApiKeyFormValues, isValidLimit, NAME_MAX, NOTE_MAX } from "../key-form";

/**
 * The fields of a key's create and edit dialogs (seed 000 §4.3.8): name, scopes, expiry, RPM and
 * daily token limits, note. Each field checks itself as it is typed, with the contract's bounds.
 */
export function ApiKeyFormFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<ApiKeyFormValues>();
  const expiry = Form.useWatch("expiry", form);
  const limitRule = {
    validator: (_: unknown, v: unknown) =>
      isValidLimit(v) ? Promise.resolve() : Promise.reject(new Error(t("apiKeys.form.limitInvalid"))),
  };
  return (
    <>
      <Form.Item
        name="name"
        label={t("apiKeys.form.name")}
        rules={[
          { required: true, whitespace: true, message: t("apiKeys.form.nameRequired") },
          { max: NAME_MAX, message: t("apiKeys.form.nameTooLong") },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="scopes"
        label={t("apiKeys.form.scopes")}
        rules={[{ required: true, type: "array", min: 1, message: t("apiKeys.form.scopesRequired") }]}
      >
        <ScopeGroup role="group" aria-label={t("apiKeys.form.scopes")}>
          <Space orientation="vertical" size={2}>
            {API_KEY_SCOPES.map((s) => (
              <Checkbox key={s} value={s}>
                <Typography.Text code>{s}</Typography.Text>{" "}
                <Typography.Text type="secondary">
                  {t(`apiKeys.scopeHint.${s.replace(":", "_") as "inference_invoke"}`)}
                </Typography.Text>
              </Checkbox>
            ))}
          </Space>
        </ScopeGroup>
      </Form.Item>
      <Form.Item name="expiry" label={t("apiKeys.form.expiry")} extra={t("apiKeys.form.expiryHint")}>
        <Radio.Group
          optionType="button"
          options={[
            { value: "never", label: t("apiKeys.form.expiryNever") },
            { value: "30d", label: t("apiKeys.form.expiry30") },
            { value: "90d", label: t("apiKeys.form.expiry90") },
            { value: "date", label: t("apiKeys.form.expiryDate") },
          ]}
        />
      </Form.Item>
      {expiry === "date" ? (
        <Form.Item
          name="expires_on"
          label={t("apiKeys.form.expiryDatePick")}
          rules={[
            { required: true, message: t("apiKeys.form.expiryDateRequired") },
            {
              validator: (_, v: dayjs.Dayjs | null) =>
                !v || v.endOf("day").isAfter(dayjs())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("apiKeys.form.expiryPast"))),
            },
          ]}
        >
          <DatePicker disabledDate={(d) => d.endOf("day").isBefore(dayjs())} />
        </Form.Item>
      ) : null}
      <Space wrap size={16} align="start">
        <Form.Item
          name="rpm_limit"
          label={t("apiKeys.form.rpm")}
          extra={t("apiKeys.form.rpmHint")}
          rules={[limitRule]}
        >
          <InputNumber style={{ width: 200 }} placeholder={t("apiKeys.unlimited")} />
        </Form.Item>
        <Form.Item
          name="daily_token_limit"
          label={t("apiKeys.form.dailyTokens")}
          extra={t("apiKeys.form.dailyTokensHint")}
          rules={[limitRule]}
        >
          <InputNumber style={{ width: 200 }} placeholder={t("apiKeys.unlimited")} />
        </Form.Item>
      </Space>
      <Form.Item
        name="note"
        label={t("apiKeys.form.note")}
        rules={[{ max: NOTE_MAX, message: t("apiKeys.form.noteTooLong") }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </>
  );
}

/**
 * The scopes' checkbox group without the aria-required that Form.Item hands its control: ARIA does not
 * allow it on role="group" (axe: aria-allowed-attr, critical); the label's required mark and the rule's
 * message still say it.
 */
function ScopeGroup({
  "aria-required": _required,
  ...props
}: CheckboxGroupProps & { "aria-required"?: unknown }) {
  return <Checkbox.Group {...props} />;
}
