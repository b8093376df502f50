import { Descriptions, Form, type FormInstance, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { toInput, type WizardValues } from "./wizard-values";

/** Confirm: what will be created, exactly as it is sent. */
export function Review({
  form,
  initialValues,
}: {
  form: FormInstance<WizardValues>;
  initialValues: WizardValues;
}) {
  const { t } = useTranslation();
  const all = Form.useWatch([], { form, preserve: true }) as WizardValues | undefined;
  const input = toInput({ ...initialValues, ...(all ?? {}) });
  const describe = (x: (typeof input.targets)[number]) =>
    x.model_version_id ??
    (x.service_id
      ? `${x.service_id}${x.revision_id ? ` @ ${x.revision_id}` : ""}`
      : `${x.model_id ?? "—"} : ${x.ref ?? "latest"}`);
  return (
    <section aria-label={t("evaluationPage.wizard.summary")}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t("evaluationPage.wizard.kind")}>
          {t(`evaluationPage.kind.${input.kind}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t("evaluationPage.col.targets")}>
          {input.targets.map((x, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: positions a and b
            <div key={i}>{describe(x)}</div>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={t("evaluationPage.col.dataset")}>
          {input.prompts
            ? t("evaluationPage.typedPrompts", { count: input.prompts.length })
            : (input.benchmark_id ?? input.dataset_version_id ?? "—")}
        </Descriptions.Item>
        <Descriptions.Item label={t("evaluationPage.field.metrics")}>
          {(input.metrics ?? []).map((m) => t(`evaluationPage.metric.${m.name}`)).join(", ")}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t("evaluationPage.wizard.json")}
      </Typography.Title>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard */}
      <pre data-testid="eval-input-json" tabIndex={0} style={{ maxHeight: 320, overflow: "auto" }}>
        {JSON.stringify(input, null, 2)}
      </pre>
    </section>
  );
}
