import { PlusOutlined } from "@ant-design/icons";
import { type EvaluationRun, MetricName } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import {
  Alert,
  AutoComplete,
  Button,
  Checkbox,
  Descriptions,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  List,
  Radio,
  Select,
  Space,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { Wizard, WizardStepError } from "../../../components/wizard/wizard";
import { isApiError } from "../../../lib/api-error";
import { api, audited } from "../../../lib/client";
import { PermissionGuard } from "../../../permissions/permission-guard";
import { evalKeys, evalPaths, formatValue } from "../api";
import { GateRuleDialog } from "../gate-rules/gate-rule-dialog";
import {
  BenchmarkPicker,
  DatasetPicker,
  DatasetVersionPicker,
  ModelPicker,
  RevisionPicker,
  ServicePicker,
} from "./pickers";
import {
  fieldOf,
  parseSchema,
  STEPS,
  type StepKey,
  targetCount,
  toInput,
  valuesFromBenchmark,
  type WizardValues,
} from "./wizard-values";

const kinds = ["automatic", "side_by_side", "gate"] as const;
const suggestedRefs = ["latest", "staging", "prod"];

/** The fields each step shows, validated by antd's own rules before moving on. */
function stepFields(v: WizardValues, step: StepKey): (string | (string | number)[])[] {
  if (step === "kind") return ["kind", "name"];
  if (step === "params")
    return ["sample_limit", "seed", "temperature", "top_p", "max_tokens", "system_prompt", "slice_field"];
  const targets = Array.from({ length: targetCount(v.kind) }, (_, i) => [
    ["targets", i, "model_id"],
    ["targets", i, "ref"],
    ["targets", i, "model_version_id"],
    ["targets", i, "service_id"],
    ["targets", i, "revision_id"],
  ]).flat();
  return [
    ...targets,
    "dataset_version_id",
    "benchmark_id",
    "prompts_text",
    "metrics",
    "regex_pattern",
    "regex_flags",
    "json_schema",
    "judge_service_id",
    "judge_rubric",
  ];
}

/**
 * CreateEvaluationWizard (seed 000 §4.3.6): kind; models and data with metrics; parameters; confirm.
 * The server's field errors land on their fields, on the step that shows them.
 */
export function EvaluationWizard({
  projectId,
  initialValues,
  onCreated,
  onCancel,
}: {
  projectId: string;
  initialValues: WizardValues;
  onCreated: (run: EvaluationRun, auditEventIds: string[]) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<WizardValues>();
  const values = (): WizardValues => ({ ...initialValues, ...(form.getFieldsValue(true) as WizardValues) });

  const checkStep = (step: StepKey) => async () => {
    await form.validateFields(stepFields(values(), step));
    return true;
  };

  const submit = async () => {
    const v = values();
    try {
      const { result, auditEventIds } = await audited((c) => c.evaluations.create(projectId, toInput(v)));
      onCreated(result, auditEventIds);
    } catch (e) {
      if (isApiError(e)) {
        const fields =
          (e.details as { fields?: { path: string; message: string }[] } | undefined)?.fields ?? [];
        const placed = fields.map((f) => ({ ...fieldOf(f.path, v), message: f.message }));
        const named = placed.filter((p) => p.name.length);
        form.setFields(named.map((p) => ({ name: p.name as never, errors: [p.message] })));
        const first = named[0];
        if (first) throw new WizardStepError(first.step, e);
      }
      throw e;
    }
  };

  const titles: Record<StepKey, string> = {
    kind: t("evaluationPage.wizard.step.kind"),
    data: t("evaluationPage.wizard.step.data"),
    params: t("evaluationPage.wizard.step.params"),
  };
  const content: Record<StepKey, React.ReactNode> = {
    kind: <KindStep />,
    data: <DataStep form={form} projectId={projectId} />,
    params: <ParamsStep form={form} projectId={projectId} />,
  };
  return (
    <Form form={form} layout="vertical" initialValues={initialValues} style={{ maxWidth: 880 }}>
      <Wizard
        steps={STEPS.map((key) => ({
          key,
          title: titles[key],
          content: content[key],
          validate: checkStep(key),
        }))}
        review={<Review form={form} initialValues={initialValues} />}
        submitText={t("evaluationPage.wizard.submit")}
        onSubmit={submit}
        onCancel={onCancel}
      />
    </Form>
  );
}

function KindStep() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="kind" label={t("evaluationPage.wizard.kind")} rules={[{ required: true }]}>
        <Radio.Group aria-label={t("evaluationPage.wizard.kind")}>
          <Space orientation="vertical">
            {kinds.map((k) => (
              <Radio key={k} value={k}>
                <Typography.Text strong>{t(`evaluationPage.kind.${k}`)}</Typography.Text>
                <br />
                <Typography.Text type="secondary">{t(`evaluationPage.kindHint.${k}`)}</Typography.Text>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="name" label={t("evaluationPage.field.name")} rules={[{ max: 100 }]}>
        <Input
          aria-label={t("evaluationPage.field.name")}
          placeholder={t("evaluationPage.field.namePlaceholder")}
        />
      </Form.Item>
    </>
  );
}

function TargetFields({
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

function DataStep({ form, projectId }: { form: FormInstance<WizardValues>; projectId: string }) {
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

function ParamsStep({ form, projectId }: { form: FormInstance<WizardValues>; projectId: string }) {
  const { t } = useTranslation();
  const { tenantId = "" } = useParams();
  const [addingRule, setAddingRule] = useState(false);
  const kind = Form.useWatch("kind", { form, preserve: true });
  const source = Form.useWatch("data_source", { form, preserve: true });
  const modelId = Form.useWatch(["targets", 0, "model_id"], { form, preserve: true });
  const rules = useQuery({
    queryKey: [...evalKeys.gateRules(projectId), "wizard"],
    queryFn: () => api.evaluations.gateRules.list(projectId, { limit: 100 }),
    enabled: kind === "gate",
  });
  const num = (
    name: "sample_limit" | "seed" | "temperature" | "top_p" | "max_tokens",
    props: { min: number; max: number; step?: number; precision?: number },
  ) => (
    <Form.Item
      name={name}
      label={t(`evaluationPage.field.${name}`)}
      rules={[{ type: "number", min: props.min, max: props.max }]}
    >
      <InputNumber aria-label={t(`evaluationPage.field.${name}`)} {...props} style={{ width: 160 }} />
    </Form.Item>
  );
  return (
    <>
      <Space wrap align="start">
        {num("sample_limit", { min: 1, max: 100_000, precision: 0 })}
        {num("seed", { min: 0, max: 2 ** 31 - 1, precision: 0 })}
        {num("temperature", { min: 0, max: 2, step: 0.1 })}
        {num("top_p", { min: 0.01, max: 1, step: 0.05 })}
        {num("max_tokens", { min: 1, max: 4096, precision: 0 })}
      </Space>
      <Form.Item name="system_prompt" label={t("evaluationPage.field.system_prompt")} rules={[{ max: 4000 }]}>
        <Input.TextArea aria-label={t("evaluationPage.field.system_prompt")} rows={3} />
      </Form.Item>
      {kind === "side_by_side" && source === "prompts" ? null : (
        <Form.Item
          name="slice_field"
          label={t("evaluationPage.field.slice_field")}
          extra={t("evaluationPage.field.sliceHint")}
        >
          <Input aria-label={t("evaluationPage.field.slice_field")} />
        </Form.Item>
      )}
      {kind === "gate" ? (
        <section aria-label={t("evaluationPage.wizard.gateRules")}>
          <Space wrap style={{ width: "100%", justifyContent: "space-between", marginBottom: 8 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t("evaluationPage.wizard.gateRules")}
            </Typography.Title>
            <Space wrap>
              <PermissionGuard action="evaluation.gate_rule.create" projectId={projectId} mode="hide">
                <Button size="small" icon={<PlusOutlined />} onClick={() => setAddingRule(true)}>
                  {t("evaluationGateRules.add")}
                </Button>
              </PermissionGuard>
              {/* A new tab: the wizard keeps what was entered. */}
              <Link to={evalPaths(tenantId, projectId).gateRules} target="_blank" rel="noopener">
                {t("evaluationGateRules.manageNewTab")}
              </Link>
            </Space>
          </Space>
          <List
            size="small"
            bordered
            loading={rules.isPending}
            locale={{
              emptyText: <Typography.Text>{t("evaluationPage.wizard.noGateRules")}</Typography.Text>,
            }}
            dataSource={(rules.data?.data ?? []).filter(
              (r) => !r.model_id || !modelId || r.model_id === modelId,
            )}
            renderItem={(r) => (
              <List.Item>
                <Space wrap>
                  <Typography.Text strong>{t(`evaluationPage.metric.${r.metric}`)}</Typography.Text>
                  <span>
                    {r.comparator === "at_least"
                      ? t("evaluationPage.rule.atLeast", { threshold: formatValue(r.threshold) })
                      : r.comparator === "pass_rate_at_least"
                        ? t("evaluationPage.rule.passRate", {
                            threshold: formatValue(r.threshold),
                            count: r.prompts?.length ?? 0,
                          })
                        : t("evaluationPage.rule.notWorse", { margin: formatValue(r.margin ?? 0) })}
                  </span>
                  {r.description ? <Typography.Text type="secondary">{r.description}</Typography.Text> : null}
                </Space>
              </List.Item>
            )}
          />
          <GateRuleDialog
            open={addingRule}
            tenantId={tenantId}
            projectId={projectId}
            onClose={() => setAddingRule(false)}
          />
        </section>
      ) : null}
    </>
  );
}

/** Confirm: what will be created, exactly as it is sent. */
function Review({ form, initialValues }: { form: FormInstance<WizardValues>; initialValues: WizardValues }) {
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
