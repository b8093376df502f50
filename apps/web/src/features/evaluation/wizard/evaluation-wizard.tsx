import type { EvaluationRun } from "@infera/contracts";
import { Form } from "antd";
import { useTranslation } from "react-i18next";
import { Wizard, WizardStepError } from "../../../components/wizard/wizard";
import { isApiError } from "../../../lib/api-error";
import { audited } from "../../../lib/client";
import { DataStep } from "./data-step";
import { KindStep } from "./kind-step";
import { ParamsStep } from "./params-step";
import { Review } from "./review-step";
import { fieldOf, STEPS, type StepKey, targetCount, toInput, type WizardValues } from "./wizard-values";

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
