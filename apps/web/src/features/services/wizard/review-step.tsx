import { Alert, Descriptions, Form, type FormInstance, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { runtimeKey } from "./runtime-step";
import type { PickedVersion } from "./use-picked-version";
import { type FieldIssue, type ServiceWizardValues, type StepKey, toInput } from "./wizard-values";

/** Review: every setting as it will be sent (the key masked), the version the model resolves to, and the last submit's errors. */
export function ReviewStep({
  form,
  initialValues,
  projectEnv,
  picked,
  issues,
  titles,
}: {
  form: FormInstance<ServiceWizardValues>;
  initialValues: ServiceWizardValues;
  projectEnv: string | undefined;
  picked: PickedVersion;
  issues: FieldIssue[];
  titles: Record<StepKey, string>;
}) {
  const { t } = useTranslation();
  // Watching every field keeps the summary current while the user goes back and forth.
  const all = Form.useWatch([], { form, preserve: true }) as ServiceWizardValues | undefined;
  const body = toInput({ ...initialValues, ...(all ?? {}) });
  const { runtime, resources, autoscaling } = body.config;
  const env = body.env ?? projectEnv;
  const shown = {
    ...body,
    config: { ...body.config, runtime: { ...runtime, ...(runtime.api_key ? { api_key: "••••••" } : {}) } },
  };
  const none = t("common.none");
  return (
    <section aria-label={t("serviceWizard.summary")}>
      {issues.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("serviceWizard.fix")}
          description={
            <ul>
              {issues.map((i) => (
                <li key={`${i.name}:${i.message}`}>
                  {i.step ? `${titles[i.step]} · ` : ""}
                  {i.message}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t("serviceWizard.field.name")}>{body.name || "—"}</Descriptions.Item>
        <Descriptions.Item label={t("serviceWizard.field.description")}>
          {body.description || "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("serviceWizard.field.env")}>
          {env ? t(`status.env.${env}` as never) : "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("serviceWizard.field.exposure")}>
          {t(`serviceWizard.exposure.${body.exposure}`)}
          {body.exposure === "public"
            ? ` · ${body.ip_allow_list?.join(", ") || t("serviceWizard.anyAddress")}`
            : ""}
        </Descriptions.Item>
        <Descriptions.Item label={t("serviceWizard.field.model")}>
          {picked.model?.name ?? picked.version.data?.model_id ?? "—"}
          {picked.resolved ? (
            <>
              {" → "}
              <IDBadge id={picked.resolved} />
            </>
          ) : null}
        </Descriptions.Item>
        <Descriptions.Item label={t("serviceWizard.field.runtime")}>
          {t(`serviceWizard.runtime.${runtimeKey(runtime.kind)}.label` as never)}
          {runtime.kind === "llama.cpp"
            ? ` · ${t("serviceWizard.review.llama", {
                ctx: runtime.context_size ?? 4096,
                threads: runtime.threads ?? t("serviceWizard.review.auto"),
                parallel: runtime.parallel ?? 1,
              })}`
            : ""}
          {runtime.kind === "openai-compatible"
            ? ` · ${runtime.base_url ?? ""}${runtime.upstream_model ? ` · ${runtime.upstream_model}` : ""} · ${t(
                runtime.api_key ? "serviceWizard.review.keySet" : "serviceWizard.review.noKey",
              )}`
            : ""}
        </Descriptions.Item>
        <Descriptions.Item label={t("serviceWizard.field.resourceClass")}>
          {resources.resource_class || "—"} ·{" "}
          {t("serviceWizard.review.gpus", { count: resources.gpu_count ?? 0 })}
        </Descriptions.Item>
        <Descriptions.Item label={t("serviceWizard.step.autoscaling")}>
          {t("serviceWizard.review.autoscaling", {
            metric: t(`serviceWizard.metric.${autoscaling?.metric ?? "concurrency"}`),
            target: autoscaling?.target ?? none,
            min: autoscaling?.min_replicas ?? none,
            max: autoscaling?.max_replicas ?? none,
            delay: autoscaling?.scale_down_delay_seconds ?? none,
          })}
          {autoscaling?.scale_to_zero ? ` · ${t("serviceWizard.field.scaleToZero")}` : ""}
        </Descriptions.Item>
        <Descriptions.Item label={t("serviceWizard.review.revision")}>
          {t("serviceWizard.review.revisionOne")}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t("serviceWizard.json")}
      </Typography.Title>
      <pre
        data-testid="service-json"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard
        tabIndex={0}
        style={{ maxHeight: 320, overflow: "auto" }}
      >
        {JSON.stringify(shown, null, 2)}
      </pre>
    </section>
  );
}
