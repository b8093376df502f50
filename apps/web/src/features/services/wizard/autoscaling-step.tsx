import { Alert, Form, type FormInstance, InputNumber, Radio, Switch, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ServiceWizardValues } from "./wizard-values";

/** The env policy that keeps Prod services from scaling to zero (named in the console as the API names it). */
export const SCALE_TO_ZERO_POLICY = "prod_disallow_scale_to_zero";

/**
 * Step 5: metric and target, min/max replicas, scale-down delay and scale to zero. Scale to zero is
 * min 0 (the contract ties them); in Prod, while the policy is on, it is disabled with why.
 */
export function AutoscalingStep({
  form,
  scaleToZeroRefusal,
}: {
  form: FormInstance<ServiceWizardValues>;
  /** Why scale to zero is refused here (Prod and the policy on); null when allowed. */
  scaleToZeroRefusal: string | null;
}) {
  const { t } = useTranslation();
  const scaleToZero = Form.useWatch("scale_to_zero", form);
  const metric = Form.useWatch("metric", form);
  const toggle = (
    <Switch
      disabled={Boolean(scaleToZeroRefusal)}
      aria-label={t("serviceWizard.field.scaleToZero")}
      onChange={(on: boolean) => {
        // The contract ties them: scale to zero is min 0, and min 0 is scale to zero.
        form.setFieldsValue({ min_replicas: on ? 0 : 1 });
      }}
    />
  );
  return (
    <>
      <Form.Item name="metric" label={t("serviceWizard.field.metric")}>
        <Radio.Group
          options={[
            { value: "concurrency", label: t("serviceWizard.metric.concurrency") },
            { value: "qps", label: t("serviceWizard.metric.qps") },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="target"
        label={t("serviceWizard.field.target")}
        extra={t(metric === "qps" ? "serviceWizard.hint.targetQps" : "serviceWizard.hint.targetConcurrency")}
      >
        <InputNumber style={{ width: 200 }} min={0} />
      </Form.Item>
      <Form.Item
        name="min_replicas"
        label={t("serviceWizard.field.minReplicas")}
        extra={t("serviceWizard.hint.minReplicas")}
        dependencies={["scale_to_zero"]}
      >
        <InputNumber style={{ width: 200 }} min={scaleToZero ? 0 : 1} disabled={scaleToZero} />
      </Form.Item>
      <Form.Item
        name="max_replicas"
        label={t("serviceWizard.field.maxReplicas")}
        dependencies={["min_replicas"]}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_r, value: number | null | undefined) => {
              const min = getFieldValue("min_replicas") as number | null | undefined;
              return value !== null && value !== undefined && min !== null && min !== undefined && value < min
                ? Promise.reject(new Error(t("serviceWizard.error.maxBelowMin", { min })))
                : Promise.resolve();
            },
          }),
        ]}
      >
        <InputNumber style={{ width: 200 }} min={1} />
      </Form.Item>
      <Form.Item
        name="scale_down_delay_seconds"
        label={t("serviceWizard.field.scaleDownDelay")}
        extra={t("serviceWizard.hint.scaleDownDelay")}
      >
        <InputNumber style={{ width: 200 }} min={0} suffix="s" />
      </Form.Item>
      <Form.Item label={t("serviceWizard.field.scaleToZero")} extra={scaleToZeroRefusal ?? undefined}>
        <Tooltip title={scaleToZeroRefusal ?? undefined}>
          <span
            className={scaleToZeroRefusal ? "infera-locked" : undefined}
            data-locked-reason={scaleToZeroRefusal ?? undefined}
            style={{ display: "inline-flex" }}
          >
            <Form.Item name="scale_to_zero" valuePropName="checked" noStyle>
              {toggle}
            </Form.Item>
          </span>
        </Tooltip>
      </Form.Item>
      {scaleToZero ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("serviceWizard.autoscaling.coldStart")}
        />
      ) : null}
      <Typography.Paragraph type="secondary">{t("serviceWizard.autoscaling.capacity")}</Typography.Paragraph>
    </>
  );
}
