import type { FineTuneJobDetail } from "@infera/contracts";
import { Alert, Descriptions, Form, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Wizard } from "../../../components/wizard/wizard";
import { isApiError } from "../../../lib/api-error";
import { audited } from "../../../lib/client";
import { BaseModelStep } from "./base-model-step";
import { ConfigStep } from "./config-step";
import { DataStep } from "./data-step";
import { CostEstimate, DryRunWarnings, MemoryVerdicts, useDryRun } from "./dry-run";
import { ResourcesStep } from "./resources-step";
import {
  checkValues,
  type FieldIssue,
  issueAt,
  STEPS,
  type StepKey,
  toConfig,
  type WizardValues,
} from "./wizard-values";

/** The fields each step shows (antd's own required rules run on these before the contract does). */
const stepFields: Record<StepKey, (string | (string | number)[])[]> = {
  base: ["name", "model_id", "base_ref"],
  data: ["dataset_id", "dataset_version_id", "validation_split", "validation_dataset_version_id"],
  config: [["output", "model_name"]],
  resources: [],
};

/**
 * CreateFineTuneJobWizard (seed 000 §4.3.5): base model, data, configuration, resources, review. Each
 * step is checked with the contract's `FineTuneJobConfig` before moving on; the server's field errors
 * land on their fields and are listed on the review.
 */
export function JobWizard({
  projectId,
  initialValues,
  onCreated,
  onCancel,
  fromConfig = false,
}: {
  projectId: string;
  initialValues: WizardValues;
  /** The values are a cloned or imported configuration (its settings are kept when the base resolves). */
  fromConfig?: boolean;
  onCreated: (job: FineTuneJobDetail, auditEventIds: string[]) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<WizardValues>();
  const [serverIssues, setServerIssues] = useState<FieldIssue[]>([]);
  const dry = useDryRun(form, projectId, initialValues);
  const values = (): WizardValues => ({ ...initialValues, ...(form.getFieldsValue(true) as WizardValues) });

  const show = (issues: FieldIssue[]) =>
    form.setFields(
      issues
        .filter((i) => i.name.length)
        // The names come from the contract's paths, which are the form's own field names.
        .map((i) => ({ name: i.name as never, errors: [i.message] })),
    );

  const checkStep = (step: StepKey) => async () => {
    await form.validateFields(stepFields[step]);
    const issues = checkValues(values()).filter((i) => i.step === step);
    show(issues);
    return issues.length === 0;
  };

  const submit = async () => {
    const v = values();
    setServerIssues([]);
    const local = checkValues(v);
    if (local.length) {
      show(local);
      setServerIssues(local);
      throw new Error(t("fineTuningPage.wizard.invalid"));
    }
    try {
      const { result, auditEventIds } = await audited((c) =>
        c.fineTuning.jobs.create(projectId, toConfig(v)),
      );
      onCreated(result, auditEventIds);
    } catch (e) {
      if (isApiError(e)) {
        const fields =
          (e.details as { fields?: { path: string; message: string }[] } | undefined)?.fields ?? [];
        const issues = fields.map((f) => issueAt(f.path ? f.path.split(".") : [], f.message, v));
        show(issues);
        setServerIssues(issues);
      }
      throw e;
    }
  };

  const titles: Record<StepKey, string> = {
    base: t("fineTuningPage.wizard.step.base"),
    data: t("fineTuningPage.wizard.step.data"),
    config: t("fineTuningPage.wizard.step.config"),
    resources: t("fineTuningPage.wizard.step.resources"),
  };
  const content: Record<StepKey, React.ReactNode> = {
    base: <BaseModelStep form={form} projectId={projectId} fromConfig={fromConfig} />,
    data: (
      <>
        <DataStep form={form} projectId={projectId} />
        <DryRunWarnings dry={dry} part="data" />
      </>
    ),
    config: <ConfigStep form={form} />,
    resources: (
      <>
        <ResourcesStep form={form} memory={dry?.estimate.memory} />
        <MemoryVerdicts dry={dry} />
        <CostEstimate dry={dry} />
      </>
    ),
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
        review={
          <>
            <Review form={form} initialValues={initialValues} issues={serverIssues} titles={titles} />
            <DryRunWarnings dry={dry} part="other" />
            <CostEstimate dry={dry} />
          </>
        }
        submitText={t("fineTuningPage.wizard.submit")}
        onSubmit={submit}
        onCancel={onCancel}
      />
    </Form>
  );
}

/** Review: the configuration exactly as it will be sent, and the errors the last submit got. */
function Review({
  form,
  initialValues,
  issues,
  titles,
}: {
  form: ReturnType<typeof Form.useForm<WizardValues>>[0];
  initialValues: WizardValues;
  issues: FieldIssue[];
  titles: Record<StepKey, string>;
}) {
  const { t } = useTranslation();
  // Watching every field keeps the summary current while the user goes back and forth.
  const all = Form.useWatch([], { form, preserve: true }) as WizardValues | undefined;
  const config = toConfig({ ...initialValues, ...(all ?? {}) });
  const base = config.base_model;
  return (
    <section aria-label={t("fineTuningPage.wizard.summary")}>
      {issues.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("fineTuningPage.wizard.fix")}
          description={
            <ul>
              {issues.map((i) => (
                <li key={`${i.name.join(".")}:${i.message}`}>
                  {titles[i.step]} · <Typography.Text code>{i.name.join(".")}</Typography.Text>: {i.message}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t("fineTuningPage.field.name")}>{config.name ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("fineTuningPage.field.baseModel")}>
          {base.version_id ?? `${base.model_id ?? "—"} @ ${base.tag ?? "latest"}`}
        </Descriptions.Item>
        <Descriptions.Item label={t("fineTuningPage.field.datasetVersion")}>
          {config.dataset_version_id ?? "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("fineTuningPage.field.method")}>
          {t(`fineTuningPage.method.${config.method ?? "lora"}`)} ·{" "}
          {t(`fineTuningPage.stage.${config.stage ?? "sft"}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t("fineTuningPage.field.resource_class")}>
          {config.resource_class ?? "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("fineTuningPage.field.output_model_name")}>
          {config.output?.model_name ?? config.output?.model_id ?? "—"}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t("fineTuningPage.wizard.json")}
      </Typography.Title>
      {/* Scrolls: focusable, so a keyboard can scroll it too. */}
      <pre
        data-testid="config-json"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard
        tabIndex={0}
        style={{ maxHeight: 320, overflow: "auto" }}
      >
        {JSON.stringify(config, null, 2)}
      </pre>
    </section>
  );
}
