import { MetricName } from "@infera/contracts";
import { Alert, Checkbox, Form, type FormInstance, Input, Radio, Select, Space } from "antd";
import { useTranslation } from "react-i18next";
import { BenchmarkPicker, DatasetPicker, DatasetVersionPicker, ServicePicker } from "./pickers";
import { TargetFields } from "./target-fields";
import { parseSchema, targetCount, valuesFromBenchmark, type WizardValues } from "./wizard-values";

export function DataStep({ form, projectId }: { form: FormInstance<WizardValues>; projectId: string }) {
  const { t } = useTranslation();
  const kind = Form.useWatch("kind", { form, preserve: true }) ?? "automatic";
  const source = Form.useWatch("data_source", { form, preserve: true }) ?? "dataset";
  const datasetId = Form.useWatch("dataset_id", { form, preserve: true });
  const metrics: string[] = Form.useWatch("metrics", { form, preserve: true }) ?? [];
  const targets: { by?: string }[] = Form.useWatch("targets", { form, preserve: true }) ?? [];
  const usePrompts = kind === "side_by_side" && source === "prompts";
  const useBenchmark = !usePrompts && source === "benchmark";
  const has = (m: string) => metrics.includes(m);
  // Loss and perplexity read token probabilities: only a model version's own replica can score.
  const scoring = has("loss") || has("perplexity");
  const serviceTarget = targets.slice(0, targetCount(kind)).findIndex((x) => x?.by === "service");
  return (
    <>
      {Array.from({ length: targetCount(kind) }, (_, i) => (
        <TargetFields
          // biome-ignore lint/suspicious/noArrayIndexKey: the targets are positions a and b
          key={i}
          form={form}
          index={i}
          projectId={projectId}
          title={
            kind === "side_by_side"
              ? t(i === 0 ? "evaluationPage.wizard.targetA" : "evaluationPage.wizard.targetB")
              : kind === "gate"
                ? t("evaluationPage.wizard.candidate")
                : t("evaluationPage.wizard.target")
          }
        />
      ))}
      {kind === "gate" ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("evaluationPage.wizard.baselineHint")}
        />
      ) : null}
      <Form.Item name="data_source" label={t("evaluationPage.field.dataSource")}>
        <Radio.Group
          optionType="button"
          aria-label={t("evaluationPage.field.dataSource")}
          options={[
            { value: "dataset", label: t("evaluationPage.dataSource.dataset") },
            { value: "benchmark", label: t("evaluationPage.dataSource.benchmark") },
            ...(kind === "side_by_side"
              ? [{ value: "prompts", label: t("evaluationPage.dataSource.prompts") }]
              : []),
          ]}
        />
      </Form.Item>
      {useBenchmark ? (
        <Form.Item
          name="benchmark_id"
          label={t("evaluationBenchmarks.picker")}
          extra={t("evaluationBenchmarks.fromBenchmark")}
          rules={[{ required: true, message: t("evaluationBenchmarks.pickerRequired") }]}
          style={{ maxWidth: 420 }}
        >
          <BenchmarkPicker
            projectId={projectId}
            aria-label={t("evaluationBenchmarks.picker")}
            onPicked={(b) => {
              if (b) form.setFieldsValue(valuesFromBenchmark(b));
            }}
          />
        </Form.Item>
      ) : usePrompts ? (
        <Form.Item
          name="prompts_text"
          label={t("evaluationPage.field.prompts")}
          extra={t("evaluationPage.field.promptsHint")}
          rules={[
            {
              required: true,
              message: t("evaluationPage.wizard.required", { field: t("evaluationPage.field.prompts") }),
            },
          ]}
        >
          <Input.TextArea aria-label={t("evaluationPage.field.prompts")} rows={5} />
        </Form.Item>
      ) : (
        <Space wrap style={{ width: "100%" }} align="start">
          <Form.Item name="dataset_id" label={t("evaluationPage.field.dataset")} style={{ minWidth: 280 }}>
            <DatasetPicker
              projectId={projectId}
              aria-label={t("evaluationPage.field.dataset")}
              onChange={(v) => form.setFieldsValue({ dataset_id: v, dataset_version_id: undefined })}
            />
          </Form.Item>
          <Form.Item
            name="dataset_version_id"
            label={t("evaluationPage.field.dataset_version_id")}
            rules={[
              {
                required: true,
                message: t("evaluationPage.wizard.required", {
                  field: t("evaluationPage.field.dataset_version_id"),
                }),
              },
            ]}
            style={{ minWidth: 320 }}
          >
            <DatasetVersionPicker
              datasetId={datasetId}
              aria-label={t("evaluationPage.field.dataset_version_id")}
            />
          </Form.Item>
        </Space>
      )}
      <Form.Item
        name="metrics"
        label={t("evaluationPage.field.metrics")}
        rules={[
          { required: true, type: "array", min: 1, message: t("evaluationPage.wizard.metricsRequired") },
        ]}
      >
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: "label" }}
          aria-label={t("evaluationPage.field.metrics")}
          options={MetricName.options.map((m) => ({ value: m, label: t(`evaluationPage.metric.${m}`) }))}
        />
      </Form.Item>
      {scoring ? (
        <Alert
          type={serviceTarget >= 0 ? "warning" : "info"}
          showIcon
          style={{ marginBottom: 16 }}
          title={
            serviceTarget >= 0
              ? t("evaluationPage.wizard.scoringServiceTarget", {
                  target: t(
                    kind === "side_by_side"
                      ? serviceTarget === 0
                        ? "evaluationPage.wizard.targetA"
                        : "evaluationPage.wizard.targetB"
                      : "evaluationPage.wizard.target",
                  ),
                })
              : undefined
          }
          description={t("evaluationPage.wizard.scoringHint")}
        />
      ) : null}
      {has("exact_match") || has("contains") ? (
        <Form.Item name="normalization" label={t("evaluationPage.field.normalization")}>
          <Checkbox.Group
            options={(["lowercase", "strip_punctuation", "strip_articles"] as const).map((value) => ({
              value,
              label: t(`evaluationPage.normalization.${value}`),
            }))}
          />
        </Form.Item>
      ) : null}
      {has("regex") ? (
        <Space wrap style={{ width: "100%" }} align="start">
          <Form.Item
            name="regex_pattern"
            label={t("evaluationPage.field.pattern")}
            style={{ minWidth: 360 }}
            rules={[
              {
                required: true,
                message: t("evaluationPage.wizard.required", { field: t("evaluationPage.field.pattern") }),
              },
              {
                validator: async (_, value: string | undefined) => {
                  if (value) new RegExp(value);
                },
                message: t("evaluationPage.wizard.badPattern"),
              },
            ]}
          >
            <Input aria-label={t("evaluationPage.field.pattern")} />
          </Form.Item>
          <Form.Item
            name="regex_flags"
            label={t("evaluationPage.field.flags")}
            rules={[{ pattern: /^[imsu]*$/, message: t("evaluationPage.wizard.badFlags") }]}
          >
            <Input aria-label={t("evaluationPage.field.flags")} maxLength={4} style={{ width: 100 }} />
          </Form.Item>
        </Space>
      ) : null}
      {has("json_schema") ? (
        <Form.Item
          name="json_schema"
          label={t("evaluationPage.field.schema")}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                const parsed = parseSchema(value);
                if (parsed === undefined)
                  throw new Error(
                    t("evaluationPage.wizard.required", { field: t("evaluationPage.field.schema") }),
                  );
                if (typeof parsed === "string")
                  throw new Error(t("evaluationPage.wizard.badSchema", { problem: parsed }));
              },
            },
          ]}
        >
          <Input.TextArea
            aria-label={t("evaluationPage.field.schema")}
            rows={5}
            style={{ fontFamily: "monospace" }}
          />
        </Form.Item>
      ) : null}
      {has("judge") ? (
        <>
          <Form.Item
            name="judge_service_id"
            label={t("evaluationPage.field.judgeService")}
            rules={[
              {
                required: true,
                message: t("evaluationPage.wizard.required", {
                  field: t("evaluationPage.field.judgeService"),
                }),
              },
            ]}
          >
            <ServicePicker projectId={projectId} aria-label={t("evaluationPage.field.judgeService")} />
          </Form.Item>
          <Form.Item name="judge_rubric" label={t("evaluationPage.field.rubric")} rules={[{ max: 4000 }]}>
            <Input.TextArea aria-label={t("evaluationPage.field.rubric")} rows={3} />
          </Form.Item>
        </>
      ) : null}
      {usePrompts || useBenchmark ? null : (
        <Space wrap style={{ width: "100%" }} align="start">
          <Form.Item
            name="prompt_field"
            label={t("evaluationPage.field.prompt_field")}
            extra={t("evaluationPage.field.fieldHint")}
          >
            <Input aria-label={t("evaluationPage.field.prompt_field")} />
          </Form.Item>
          <Form.Item name="reference_field" label={t("evaluationPage.field.reference_field")}>
            <Input aria-label={t("evaluationPage.field.reference_field")} />
          </Form.Item>
        </Space>
      )}
    </>
  );
}
