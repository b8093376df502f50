import type { ProjectPolicies, ServiceDetail } from "@infera/contracts";
import { Form } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Wizard, WizardStepError } from "../../../components/wizard/wizard";
import { isApiError } from "../../../lib/api-error";
import { audited } from "../../../lib/client";
import { AutoscalingStep, SCALE_TO_ZERO_POLICY } from "./autoscaling-step";
import { BasicsStep } from "./basics-step";
import { ModelStep } from "./model-step";
import { ResourcesStep } from "./resources-step";
import { ReviewStep } from "./review-step";
import { RuntimeStep } from "./runtime-step";
import { usePickedVersion } from "./use-picked-version";
import {
  checkValues,
  type FieldIssue,
  fieldOf,
  type ServiceWizardValues,
  STEPS,
  type StepKey,
  toInput,
} from "./wizard-values";

/** The fields each step shows (antd's own rules run on these before the contract does). */
const stepFields: Record<StepKey, (keyof ServiceWizardValues)[]> = {
  basics: ["name", "description", "env", "exposure", "ip_allow_list"],
  model: ["model_id", "model_ref"],
  runtime: ["runtime_kind", "context_size", "threads", "parallel", "base_url", "upstream_model", "api_key"],
  resources: ["resource_class", "gpu_count"],
  autoscaling: [
    "metric",
    "target",
    "min_replicas",
    "max_replicas",
    "scale_down_delay_seconds",
    "scale_to_zero",
  ],
};

/** The issues of a 4xx answer: the contract's `fields`, or the one `field` a domain error names. */
function serverIssues(details: unknown, message: string): FieldIssue[] {
  const d = details as { fields?: { path: string; message: string }[]; field?: string } | undefined;
  if (d?.fields?.length)
    return d.fields.map((f) => ({ ...fieldOf(f.path ? f.path.split(".") : []), message: f.message }));
  if (d?.field) return [{ ...fieldOf(d.field.split(".")), message }];
  return [];
}

/**
 * CreateServiceWizard (seed 000 §4.3.7): basics, model, runtime, resources, autoscaling, review.
 * Each step is checked with the contract's `CreateServiceInput` before moving on; a server error
 * that names a field takes the user back to that field's step.
 */
export function ServiceWizard({
  projectId,
  projectEnv,
  policies,
  initialValues,
  onCreated,
  onCancel,
}: {
  projectId: string;
  projectEnv: string | undefined;
  policies: ProjectPolicies | undefined;
  initialValues: ServiceWizardValues;
  onCreated: (service: ServiceDetail, auditEventIds: string[]) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ServiceWizardValues>();
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const picked = usePickedVersion(form, projectId);
  const values = (): ServiceWizardValues => ({
    ...initialValues,
    ...(form.getFieldsValue(true) as ServiceWizardValues),
  });
  const env = Form.useWatch("env", { form, preserve: true }) as string | undefined;
  // The server's rule: a Prod service, or any service of a Prod project, while the policy is on.
  const prod = env === "prod" || projectEnv === "prod";
  const scaleToZeroRefusal =
    prod && (policies?.prod_disallow_scale_to_zero ?? true)
      ? t("serviceWizard.autoscaling.prodRefused", { policy: SCALE_TO_ZERO_POLICY })
      : null;

  const show = (list: FieldIssue[]) =>
    form.setFields(
      list
        .filter((i) => i.name)
        .map((i) => ({ name: i.name as keyof ServiceWizardValues, errors: [i.message] })),
    );

  const checkStep = (step: StepKey) => async () => {
    await form.validateFields(stepFields[step]);
    const v = values();
    const own = checkValues(v).filter((i) => i.step === step);
    if (step === "autoscaling" && v.scale_to_zero && scaleToZeroRefusal)
      own.push({ name: "scale_to_zero", step, message: scaleToZeroRefusal });
    show(own);
    return own.length === 0;
  };

  const submit = async () => {
    const v = values();
    setIssues([]);
    try {
      const { result, auditEventIds } = await audited((c) => c.services.create(projectId, toInput(v)));
      onCreated(result, auditEventIds);
    } catch (e) {
      if (!isApiError(e)) throw e;
      const found = serverIssues(e.details, e.message);
      show(found);
      setIssues(found);
      const step = found.find((i) => i.step)?.step;
      // Back to the step whose field the server named, with its message there.
      if (step) throw new WizardStepError(step, e);
      throw e;
    }
  };

  const titles: Record<StepKey, string> = {
    basics: t("serviceWizard.step.basics"),
    model: t("serviceWizard.step.model"),
    runtime: t("serviceWizard.step.runtime"),
    resources: t("serviceWizard.step.resources"),
    autoscaling: t("serviceWizard.step.autoscaling"),
  };
  const content: Record<StepKey, React.ReactNode> = {
    basics: <BasicsStep form={form} projectEnv={projectEnv} />,
    model: <ModelStep form={form} picked={picked} />,
    runtime: <RuntimeStep form={form} picked={picked} />,
    resources: <ResourcesStep form={form} picked={picked} />,
    autoscaling: <AutoscalingStep form={form} scaleToZeroRefusal={scaleToZeroRefusal} />,
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
          <ReviewStep
            form={form}
            initialValues={initialValues}
            projectEnv={projectEnv}
            picked={picked}
            issues={issues}
            titles={titles}
          />
        }
        submitText={t("serviceWizard.submit")}
        onSubmit={submit}
        onCancel={onCancel}
      />
    </Form>
  );
}
