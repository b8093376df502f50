import { UploadOutlined } from "@ant-design/icons";
import {
  GateComparator,
  type GateRuleInput,
  MAX_REGRESSION_PROMPTS,
  MetricName,
  metricDirection,
  metricScale,
} from "@infera/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { Button, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography, Upload } from "antd";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { InlineError } from "../../../components/error-state/inline-error";
import { isApiError } from "../../../lib/api-error";
import { useWriteToast } from "../../../lib/audit-link";
import { audited } from "../../../lib/client";
import { useSubmitOnce } from "../../../lib/use-submit-once";
import { evalKeys } from "../api";
import { ModelPicker } from "../wizard/pickers";
import { type LineProblem, type ParsedPrompts, parseRegressionJsonl, promptLineOf } from "./regression-jsonl";
import { ruleText } from "./rule-text";

interface RuleFormValues {
  comparator: GateComparator;
  metric: MetricName;
  threshold?: number | null;
  margin?: number | null;
  /** Empty: every model of the project. */
  model_id?: string;
  description?: string;
  prompts_text?: string;
}

type FieldName = keyof RuleFormValues;

const initialValues: RuleFormValues = { comparator: "at_least", metric: "exact_match" };

/** The request as the API's contract reads it: each comparator sends only its own numbers. */
function ruleBody(v: RuleFormValues, prompts: GateRuleInput["prompts"]): GateRuleInput {
  const common = { model_id: v.model_id ?? null, description: v.description?.trim() ?? "" };
  if (v.comparator === "pass_rate_at_least")
    return { ...common, comparator: v.comparator, threshold: v.threshold ?? undefined, prompts };
  if (v.comparator === "not_worse_than_prod")
    return { ...common, comparator: v.comparator, metric: v.metric, margin: v.margin ?? 0 };
  return { ...common, comparator: v.comparator, metric: v.metric, threshold: v.threshold ?? undefined };
}

function problemText(p: LineProblem, t: TFunction): string {
  if (p.kind === "not_json" || p.kind === "not_object")
    return t(`evaluationGateRules.problem.${p.kind}`, { line: p.line });
  return p.path
    ? t("evaluationGateRules.problem.at", { line: p.line, path: p.path, detail: p.detail })
    : t("evaluationGateRules.problem.line", { line: p.line, detail: p.detail });
}

function parsedErrors(parsed: Exclude<ParsedPrompts, { ok: true }>, t: TFunction): string[] {
  if (parsed.empty) return [t("evaluationGateRules.problem.empty")];
  if (parsed.tooMany)
    return [t("evaluationGateRules.problem.tooMany", { count: parsed.tooMany, max: MAX_REGRESSION_PROMPTS })];
  return parsed.problems.map((p) => problemText(p, t));
}

/** The fields the dialog shows for a comparator: a refusal of any other is shown as a whole. */
function shownFields(comparator: GateComparator): FieldName[] {
  const own: FieldName[] =
    comparator === "pass_rate_at_least"
      ? ["threshold", "prompts_text"]
      : comparator === "not_worse_than_prod"
        ? ["metric", "margin"]
        : ["metric", "threshold"];
  return ["comparator", ...own, "model_id", "description"];
}

/**
 * Where the server's refusal belongs: its `details.field` (a domain check: `threshold`,
 * `prompts[3].checks[0].pattern`) or `details.fields[].path` (the contract's schema), a missing
 * model on the model. A prompt's field lands on the prompts box, with the line it came from.
 */
function placeServerError(
  e: unknown,
  sent: RuleFormValues,
  lines: readonly number[],
  t: TFunction,
): { name: FieldName; errors: string[] }[] {
  if (!isApiError(e)) return [];
  if (e.status === 404 && sent.model_id) return [{ name: "model_id", errors: [e.message] }];
  const details = (e.details ?? {}) as { field?: unknown; fields?: { path: string; message: string }[] };
  const named =
    typeof details.field === "string"
      ? [{ path: details.field, message: e.message }]
      : Array.isArray(details.fields)
        ? details.fields
        : [];
  const shown = shownFields(sent.comparator);
  const placed = new Map<FieldName, string[]>();
  for (const { path, message } of named) {
    const inPrompts = promptLineOf(path, lines);
    const name = path.startsWith("prompts")
      ? "prompts_text"
      : shown.find((f) => path === f || path.startsWith(`${f}.`));
    if (!name || !shown.includes(name)) return [];
    const text = inPrompts
      ? inPrompts.path
        ? t("evaluationGateRules.problem.at", { line: inPrompts.line, path: inPrompts.path, detail: message })
        : t("evaluationGateRules.problem.line", { line: inPrompts.line, detail: message })
      : message;
    placed.set(name, [...(placed.get(name) ?? []), text]);
  }
  return [...placed].map(([name, errors]) => ({ name, errors }));
}

/** Reads a chosen .jsonl file into the prompts box (nothing is uploaded: the rule carries the prompts). */
async function fileText(file: File): Promise<string> {
  if (typeof file.text === "function") return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}

/**
 * Add a gate rule: a threshold on a metric, not worse than prod by a margin, or a pass rate over
 * regression prompts pasted or read from a .jsonl file (checked line by line before it is sent),
 * for every model of the project or one model. The server's refusals land on their fields.
 */
export function GateRuleDialog({
  open,
  tenantId,
  projectId,
  onClose,
}: {
  open: boolean;
  tenantId: string;
  projectId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RuleFormValues>();
  const [error, setError] = useState<unknown>(null);
  const toast = useWriteToast();
  const queryClient = useQueryClient();
  const comparator = Form.useWatch("comparator", form) ?? "at_least";
  const metric = Form.useWatch("metric", form) ?? "exact_match";
  const promptsText = Form.useWatch("prompts_text", form);
  const passRate = comparator === "pass_rate_at_least";
  const scale = metricScale[metric];
  const parsedCount = (() => {
    if (!passRate || !promptsText?.trim()) return null;
    const parsed = parseRegressionJsonl(promptsText);
    return parsed.ok ? parsed.prompts.length : null;
  })();

  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };
  /** The prompts box's own problems, by line, shown under it; null when it reads. */
  const checkPrompts = (text: string | undefined): (ParsedPrompts & { ok: true }) | null => {
    const parsed = parseRegressionJsonl(text ?? "");
    if (parsed.ok) return parsed;
    form.setFields([{ name: "prompts_text", errors: parsedErrors(parsed, t) }]);
    return null;
  };

  const [save, saving] = useSubmitOnce(async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setError(null);
    const prompts =
      values.comparator === "pass_rate_at_least" ? checkPrompts(values.prompts_text) : undefined;
    if (prompts === null) return;
    try {
      const { result, auditEventIds } = await audited((c) =>
        c.evaluations.gateRules.create(projectId, ruleBody(values, prompts?.prompts)),
      );
      toast(t("evaluationGateRules.created", { rule: ruleText(result, t) }), {
        tenantId,
        projectId,
        resourceId: result.id,
        action: "evaluation.gate_rule.create",
        eventIds: auditEventIds,
      });
      void queryClient.invalidateQueries({ queryKey: evalKeys.gateRules(projectId) });
      close();
    } catch (e) {
      const placed = placeServerError(e, values, prompts?.lines ?? [], t);
      if (placed.length) form.setFields(placed);
      else setError(e);
    }
  });

  const numberRule = (field: string) => [
    { required: true, message: t("evaluationGateRules.required", { field }) },
  ];
  return (
    <Modal
      open={open}
      title={t("evaluationGateRules.createTitle")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      okButtonProps={{ loading: saving }}
      onOk={() => void save()}
      onCancel={close}
      forceRender
      width={720}
      data-modal-id="EvaluationGateRule"
    >
      <Form form={form} layout="vertical" initialValues={initialValues}>
        <Form.Item
          name="comparator"
          label={t("evaluationGateRules.field.comparator")}
          extra={t(`evaluationGateRules.comparatorHint.${comparator}`)}
        >
          <Radio.Group
            optionType="button"
            aria-label={t("evaluationGateRules.field.comparator")}
            onChange={() => form.setFieldsValue({ threshold: undefined, margin: undefined })}
            options={GateComparator.options.map((value) => ({
              value,
              label: t(`evaluationGateRules.comparator.${value}`),
            }))}
          />
        </Form.Item>
        <Space wrap align="start" style={{ width: "100%" }}>
          {passRate ? null : (
            <Form.Item
              name="metric"
              label={t("evaluationGateRules.field.metric")}
              rules={[
                {
                  required: true,
                  message: t("evaluationGateRules.required", {
                    field: t("evaluationGateRules.field.metric"),
                  }),
                },
              ]}
              style={{ minWidth: 240 }}
            >
              <Select
                aria-label={t("evaluationGateRules.field.metric")}
                showSearch={{ optionFilterProp: "label" }}
                onChange={() => form.setFieldsValue({ threshold: undefined })}
                options={MetricName.options.map((m) => ({
                  value: m,
                  label: t(`evaluationPage.metric.${m}`),
                }))}
              />
            </Form.Item>
          )}
          {comparator === "not_worse_than_prod" ? (
            <Form.Item
              name="margin"
              label={t("evaluationGateRules.field.margin")}
              extra={t("evaluationGateRules.marginHint")}
              rules={[{ type: "number", min: 0 }]}
            >
              <InputNumber
                aria-label={t("evaluationGateRules.field.margin")}
                min={0}
                max={scale.max === null ? undefined : scale.max - scale.min}
                step={scale.max === 1 ? 0.01 : 1}
                placeholder="0"
                style={{ width: 180 }}
              />
            </Form.Item>
          ) : (
            <Form.Item
              name="threshold"
              label={t(
                passRate ? "evaluationGateRules.field.passRate" : "evaluationGateRules.field.threshold",
              )}
              extra={
                passRate
                  ? undefined
                  : scale.max === null || metricDirection[metric] === "lower"
                    ? t("evaluationGateRules.scaleOpen", { min: scale.min })
                    : t("evaluationGateRules.scale", { min: scale.min, max: scale.max })
              }
              rules={numberRule(
                t(passRate ? "evaluationGateRules.field.passRate" : "evaluationGateRules.field.threshold"),
              )}
            >
              <InputNumber
                aria-label={t(
                  passRate ? "evaluationGateRules.field.passRate" : "evaluationGateRules.field.threshold",
                )}
                min={passRate ? 0 : scale.min}
                max={passRate ? 1 : (scale.max ?? undefined)}
                step={passRate || scale.max === 1 ? 0.05 : 1}
                style={{ width: 180 }}
              />
            </Form.Item>
          )}
        </Space>
        <Form.Item
          name="model_id"
          label={t("evaluationGateRules.field.model")}
          extra={t("evaluationGateRules.modelHint")}
          style={{ maxWidth: 420 }}
        >
          <ModelPicker
            projectId={projectId}
            aria-label={t("evaluationGateRules.field.model")}
            placeholder={t("evaluationGateRules.modelPlaceholder")}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t("evaluationGateRules.field.description")}
          rules={[{ max: 500 }]}
        >
          <Input.TextArea aria-label={t("evaluationGateRules.field.description")} maxLength={500} rows={2} />
        </Form.Item>
        {passRate ? (
          <>
            <Form.Item
              name="prompts_text"
              label={t("evaluationGateRules.field.prompts")}
              extra={
                <Space orientation="vertical" size={0}>
                  <span>{t("evaluationGateRules.promptsHint")}</span>
                  {parsedCount !== null ? (
                    <Typography.Text type="success" data-testid="prompts-read">
                      {t("evaluationGateRules.promptsRead", { count: parsedCount })}
                    </Typography.Text>
                  ) : null}
                </Space>
              }
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t("evaluationGateRules.problem.empty"),
                },
              ]}
            >
              <Input.TextArea
                aria-label={t("evaluationGateRules.field.prompts")}
                rows={8}
                spellCheck={false}
                style={{ fontFamily: "monospace", fontSize: 12 }}
                onBlur={(e) => {
                  if (e.target.value.trim()) checkPrompts(e.target.value);
                }}
              />
            </Form.Item>
            <Upload
              accept=".jsonl,.json,.txt,application/jsonl,application/x-ndjson,text/plain"
              showUploadList={false}
              maxCount={1}
              beforeUpload={(file) => {
                void fileText(file)
                  .then((text) => {
                    form.setFieldsValue({ prompts_text: text });
                    checkPrompts(text);
                  })
                  .catch(() =>
                    form.setFields([
                      {
                        name: "prompts_text",
                        errors: [t("evaluationGateRules.uploadFailed", { name: file.name })],
                      },
                    ]),
                  );
                return false;
              }}
            >
              <Button icon={<UploadOutlined />}>{t("evaluationGateRules.upload")}</Button>
            </Upload>
          </>
        ) : null}
      </Form>
      {error ? <InlineError error={error} /> : null}
    </Modal>
  );
}
