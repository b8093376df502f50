import { RUNNABLE_SERVICE_RUNTIMES, ServiceRuntimeKind } from "@infera/contracts";
import { Alert, Button, Form, type FormInstance, Input, InputNumber, Radio, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { PickedVersion } from "./use-picked-version";
import type { ServiceWizardValues } from "./wizard-values";

/** i18n keys cannot hold dots: `llama.cpp` → `llama_cpp`. */
export const runtimeKey = (kind: string) => kind.replace(/[.-]/g, "_");

const DEFAULT_CONTEXT = 4096;

/** What the wizard suggests for llama.cpp: the model's context up to the default, one sequence per target request. */
export function recommendedLlama(
  v: Pick<ServiceWizardValues, "metric" | "target">,
  contextLength: number | null | undefined,
) {
  return {
    context_size: contextLength ? Math.min(contextLength, DEFAULT_CONTEXT) : DEFAULT_CONTEXT,
    parallel: v.metric === "concurrency" ? Math.max(1, Math.min(256, Math.round(v.target ?? 1))) : 1,
  };
}

/**
 * Step 3: the runtime. Every kind the API names is listed; those this installation cannot run are
 * disabled with why. llama.cpp takes context, threads and parallel sequences (with recommendations);
 * openai-compatible takes the upstream's URL, model name and key.
 */
export function RuntimeStep({
  form,
  picked,
}: {
  form: FormInstance<ServiceWizardValues>;
  picked: PickedVersion;
}) {
  const { t } = useTranslation();
  const kind = Form.useWatch("runtime_kind", form);
  const v = picked.version.data;
  const noGguf = kind === "llama.cpp" && v && !v.files.some((f) => f.kind === "gguf");
  // Watched (not read once): the target set on the autoscaling step changes the recommendation.
  const metric = Form.useWatch("metric", { form, preserve: true }) as ServiceWizardValues["metric"];
  const target = Form.useWatch("target", { form, preserve: true }) as number | null | undefined;
  const rec = recommendedLlama({ metric, target }, v?.metadata.context_length);
  return (
    <>
      <Form.Item name="runtime_kind" label={t("serviceWizard.field.runtime")}>
        <Radio.Group style={{ width: "100%" }}>
          <Space orientation="vertical">
            {ServiceRuntimeKind.options.map((k) => {
              const runnable = RUNNABLE_SERVICE_RUNTIMES.includes(k);
              return (
                <Radio key={k} value={k} disabled={!runnable} data-runtime={k}>
                  <strong>{t(`serviceWizard.runtime.${runtimeKey(k)}.label` as never)}</strong>
                  <Typography.Text type="secondary" style={{ display: "block" }}>
                    {runnable
                      ? t(`serviceWizard.runtime.${runtimeKey(k)}.hint` as never)
                      : t("serviceWizard.runtime.unavailable")}
                  </Typography.Text>
                </Radio>
              );
            })}
          </Space>
        </Radio.Group>
      </Form.Item>
      {noGguf ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("serviceWizard.runtime.noGguf")}
        />
      ) : null}
      {kind === "llama.cpp" ? (
        <section aria-label={t("serviceWizard.runtime.parameters")}>
          <Space style={{ marginBottom: 8 }}>
            <Typography.Text>
              {t("serviceWizard.runtime.recommended", { ctx: rec.context_size, parallel: rec.parallel })}
            </Typography.Text>
            <Button size="small" onClick={() => form.setFieldsValue(rec)}>
              {t("serviceWizard.runtime.applyRecommended")}
            </Button>
          </Space>
          <Form.Item
            name="context_size"
            label={t("serviceWizard.field.contextSize")}
            extra={t("serviceWizard.hint.contextSize")}
          >
            <InputNumber style={{ width: 200 }} placeholder={String(DEFAULT_CONTEXT)} />
          </Form.Item>
          <Form.Item
            name="threads"
            label={t("serviceWizard.field.threads")}
            extra={t("serviceWizard.hint.threads")}
          >
            <InputNumber style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="parallel"
            label={t("serviceWizard.field.parallel")}
            extra={t("serviceWizard.hint.parallel")}
          >
            <InputNumber style={{ width: 200 }} placeholder="1" />
          </Form.Item>
        </section>
      ) : null}
      {kind === "openai-compatible" ? (
        <section aria-label={t("serviceWizard.runtime.upstream")}>
          <Form.Item
            name="base_url"
            label={t("serviceWizard.field.baseUrl")}
            extra={t("serviceWizard.hint.baseUrl")}
            rules={[{ required: true, message: t("serviceWizard.error.baseUrlRequired") }]}
          >
            <Input placeholder="https://api.example.com/v1" autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="upstream_model"
            label={t("serviceWizard.field.upstreamModel")}
            extra={t("serviceWizard.hint.upstreamModel")}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="api_key"
            label={t("serviceWizard.field.apiKey")}
            extra={t("serviceWizard.hint.apiKey")}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </section>
      ) : null}
    </>
  );
}
