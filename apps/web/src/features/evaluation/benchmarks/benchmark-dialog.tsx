import { type EvaluationBenchmark, type MetricConfig, MetricName } from "@infera/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { Form, Input, InputNumber, Modal, Select, Space } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { InlineError } from "../../../components/error-state/inline-error";
import { useWriteToast } from "../../../lib/audit-link";
import { audited } from "../../../lib/client";
import { useSubmitOnce } from "../../../lib/use-submit-once";
import { evalKeys } from "../api";
import { DatasetPicker, DatasetVersionPicker } from "../wizard/pickers";

interface BenchmarkFormValues {
  name: string;
  description?: string;
  dataset_id?: string;
  /** Empty: the dataset's latest version at each run. */
  dataset_version_id?: string;
  metrics: MetricName[];
  regex_pattern?: string;
  sample_limit?: number | null;
  max_tokens?: number | null;
  temperature?: number | null;
  prompt_field?: string;
  reference_field?: string;
  slice_field?: string;
}

const blank = (s: string | undefined | null) => (s?.trim() ? s.trim() : null);

function formValuesOf(b: EvaluationBenchmark | null): BenchmarkFormValues {
  if (!b) return { name: "", metrics: ["exact_match"] };
  return {
    name: b.name,
    description: b.description,
    dataset_id: b.dataset_id,
    dataset_version_id: b.dataset_version_id ?? undefined,
    metrics: b.metrics.map((m) => m.name),
    regex_pattern: b.metrics.find((m) => m.name === "regex")?.pattern,
    sample_limit: b.sample_limit,
    max_tokens: b.generation?.max_tokens ?? null,
    temperature: b.generation?.temperature ?? null,
    prompt_field: b.prompt_field ?? undefined,
    reference_field: b.reference_field ?? undefined,
    slice_field: b.slice_field ?? undefined,
  };
}

/**
 * The request the dialog sends: metrics the benchmark already had keep their settings (normalization,
 * schema, judge), a regex takes the pattern typed here; generation only when a value is given.
 */
function benchmarkBody(v: BenchmarkFormValues, before: EvaluationBenchmark | null) {
  const metrics: MetricConfig[] = v.metrics.map((name) => {
    const kept = before?.metrics.find((m) => m.name === name) ?? { name };
    return name === "regex" ? { ...kept, pattern: v.regex_pattern ?? "" } : kept;
  });
  const given = (n: number | null | undefined) => n !== null && n !== undefined;
  const generation =
    given(v.max_tokens) || given(v.temperature)
      ? {
          temperature: v.temperature ?? 0,
          top_p: before?.generation?.top_p ?? 1,
          max_tokens: v.max_tokens ?? 64,
          ...(before?.generation?.system_prompt ? { system_prompt: before.generation.system_prompt } : {}),
        }
      : null;
  return {
    name: v.name.trim(),
    description: v.description?.trim() ?? "",
    dataset_id: v.dataset_id ?? "",
    dataset_version_id: v.dataset_version_id ?? null,
    metrics,
    sample_limit: v.sample_limit ?? null,
    generation,
    prompt_field: blank(v.prompt_field),
    reference_field: blank(v.reference_field),
    slice_field: blank(v.slice_field),
  };
}

/** Create (benchmark null) or edit a benchmark: dataset and version, fields, default metrics and parameters. */
export function BenchmarkDialog({
  open,
  tenantId,
  projectId,
  benchmark,
  onClose,
}: {
  open: boolean;
  tenantId: string;
  projectId: string;
  benchmark: EvaluationBenchmark | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<BenchmarkFormValues>();
  const [error, setError] = useState<unknown>(null);
  const toast = useWriteToast();
  const queryClient = useQueryClient();
  const datasetId = Form.useWatch("dataset_id", form);
  const metrics = Form.useWatch("metrics", form) ?? [];
  useEffect(() => {
    if (open) form.setFieldsValue(formValuesOf(benchmark));
  }, [open, benchmark, form]);
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
      const body = benchmarkBody(values, benchmark);
      const { result, auditEventIds } = await audited((c) =>
        benchmark
          ? c.evaluations.benchmarks.update(benchmark.id, body)
          : c.evaluations.benchmarks.create(projectId, body),
      );
      toast(t("evaluationBenchmarks.saved", { name: result.name }), {
        tenantId,
        projectId,
        resourceId: result.id,
        action: benchmark ? "evaluation.benchmark.update" : "evaluation.benchmark.create",
        eventIds: auditEventIds,
      });
      void queryClient.invalidateQueries({ queryKey: evalKeys.benchmarks(projectId) });
      close();
    } catch (e) {
      setError(e);
    }
  });
  const text = (name: keyof BenchmarkFormValues, label: string, extra?: string) => (
    <Form.Item name={name} label={label} extra={extra} rules={[{ max: 100 }]}>
      <Input aria-label={label} autoComplete="off" />
    </Form.Item>
  );
  return (
    <Modal
      open={open}
      title={
        benchmark
          ? t("evaluationBenchmarks.editTitle", { name: benchmark.name })
          : t("evaluationBenchmarks.createTitle")
      }
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      okButtonProps={{ loading: saving }}
      onOk={() => void save()}
      onCancel={close}
      forceRender
      width={640}
      data-modal-id="EvaluationBenchmark"
    >
      <Form form={form} layout="vertical" initialValues={formValuesOf(benchmark)}>
        <Form.Item
          name="name"
          label={t("evaluationBenchmarks.name")}
          rules={[
            { required: true, whitespace: true, max: 100, message: t("evaluationBenchmarks.nameRequired") },
          ]}
        >
          <Input aria-label={t("evaluationBenchmarks.name")} maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item name="description" label={t("evaluationBenchmarks.descriptionField")}>
          <Input.TextArea aria-label={t("evaluationBenchmarks.descriptionField")} maxLength={1000} rows={2} />
        </Form.Item>
        <Space wrap style={{ width: "100%" }} align="start">
          <Form.Item
            name="dataset_id"
            label={t("evaluationBenchmarks.dataset")}
            rules={[{ required: true, message: t("evaluationBenchmarks.datasetRequired") }]}
            style={{ minWidth: 260 }}
          >
            <DatasetPicker
              projectId={projectId}
              aria-label={t("evaluationBenchmarks.dataset")}
              onChange={(v) => form.setFieldsValue({ dataset_id: v, dataset_version_id: undefined })}
            />
          </Form.Item>
          <Form.Item
            name="dataset_version_id"
            label={t("evaluationBenchmarks.version")}
            style={{ minWidth: 300 }}
          >
            <DatasetVersionPicker
              datasetId={datasetId}
              aria-label={t("evaluationBenchmarks.version")}
              placeholder={t("evaluationBenchmarks.latest")}
            />
          </Form.Item>
        </Space>
        <Form.Item
          name="metrics"
          label={t("evaluationBenchmarks.metrics")}
          rules={[
            { required: true, type: "array", min: 1, message: t("evaluationBenchmarks.metricsRequired") },
          ]}
        >
          <Select
            mode="multiple"
            aria-label={t("evaluationBenchmarks.metrics")}
            showSearch={{ optionFilterProp: "label" }}
            options={MetricName.options.map((m) => ({ value: m, label: t(`evaluationPage.metric.${m}`) }))}
          />
        </Form.Item>
        {metrics.includes("regex") ? (
          <Form.Item
            name="regex_pattern"
            label={t("evaluationBenchmarks.pattern")}
            rules={[{ required: true }]}
          >
            <Input aria-label={t("evaluationBenchmarks.pattern")} />
          </Form.Item>
        ) : null}
        <Space wrap align="start">
          <Form.Item name="sample_limit" label={t("evaluationBenchmarks.sampleLimit")}>
            <InputNumber
              aria-label={t("evaluationBenchmarks.sampleLimit")}
              min={1}
              max={100000}
              precision={0}
              placeholder={t("evaluationBenchmarks.all")}
            />
          </Form.Item>
          <Form.Item name="max_tokens" label={t("evaluationBenchmarks.maxTokens")}>
            <InputNumber aria-label={t("evaluationBenchmarks.maxTokens")} min={1} max={4096} precision={0} />
          </Form.Item>
          <Form.Item name="temperature" label={t("evaluationBenchmarks.temperature")}>
            <InputNumber aria-label={t("evaluationBenchmarks.temperature")} min={0} max={2} step={0.1} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          {text("prompt_field", t("evaluationBenchmarks.promptField"), t("evaluationBenchmarks.fieldHint"))}
          {text("reference_field", t("evaluationBenchmarks.referenceField"))}
          {text("slice_field", t("evaluationBenchmarks.sliceField"))}
        </Space>
      </Form>
      {error ? <InlineError error={error} /> : null}
    </Modal>
  );
}
