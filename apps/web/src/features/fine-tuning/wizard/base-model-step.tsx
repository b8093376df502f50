import type { Model } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { Alert, Descriptions, Form, type FormInstance, Input, Select, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { api } from "../../../lib/client";
import { formatCount } from "./format";
import { type WizardValues, withRecommendation } from "./wizard-values";

/** The version a `tag:`/`version:` choice points at, given the model's tags. */
export function resolveRef(model: Model | undefined, ref: string | undefined): string | null {
  if (!ref) return null;
  if (ref.startsWith("version:")) return ref.slice("version:".length);
  const tag = ref.slice("tag:".length);
  return model?.tags.find((p) => p.tag === tag)?.version_id ?? null;
}

/** Step 1: the base model (one the project may use) and a tag or version of it, resolved. */
export function BaseModelStep({
  form,
  projectId,
  fromConfig = false,
}: {
  form: FormInstance<WizardValues>;
  projectId: string;
  /** The form holds a cloned or imported configuration: its settings stay. */
  fromConfig?: boolean;
}) {
  const { t } = useTranslation();
  const modelId = Form.useWatch("model_id", form);
  const ref = Form.useWatch("base_ref", form);
  const models = useQuery({
    queryKey: ["models", "list", projectId, "fine-tuning-wizard"],
    queryFn: () => api.models.list(projectId, { limit: 100 }),
  });
  const versions = useQuery({
    queryKey: ["models", "model", modelId ?? "", "versions", "recent", 50],
    queryFn: () => api.models.versions.list(modelId ?? "", { limit: 50, sort: "-created_at" }),
    enabled: Boolean(modelId),
  });
  // A configuration that names a version alone: find its model for the picker.
  const versionOnly = ref?.startsWith("version:") && !modelId ? ref.slice("version:".length) : null;
  const owner = useQuery({
    queryKey: ["models", "version", versionOnly ?? ""],
    queryFn: () => api.models.versions.get(versionOnly ?? ""),
    enabled: Boolean(versionOnly),
  });
  useEffect(() => {
    if (owner.data && !form.getFieldValue("model_id")) form.setFieldValue("model_id", owner.data.model_id);
  }, [owner.data, form]);

  const model = models.data?.data.find((m) => m.id === modelId);
  const resolved = resolveRef(model, ref);
  const version = useQuery({
    queryKey: ["models", "version", resolved ?? ""],
    queryFn: () => api.models.versions.get(resolved ?? ""),
    enabled: Boolean(resolved),
  });
  const v = version.data;
  // A new job takes the picked version's recommended settings (what the server would apply to
  // settings left out); a cloned or imported configuration keeps its own for the version it names.
  const recommendation = v?.metadata.fine_tune_defaults ?? null;
  const initialVersion = useRef<string | null | undefined>(undefined);
  const [applied, setApplied] = useState<string | null>(null);
  useEffect(() => {
    if (!v) return;
    if (initialVersion.current === undefined) initialVersion.current = fromConfig ? v.id : null;
    if (v.id === initialVersion.current || !recommendation || applied === v.id) return;
    form.setFieldsValue(withRecommendation(form.getFieldsValue(true), recommendation));
    setApplied(v.id);
  }, [v, recommendation, applied, fromConfig, form]);

  return (
    <>
      <Form.Item name="name" label={t("fineTuningPage.field.name")} extra={t("fineTuningPage.hint.name")}>
        <Input maxLength={128} />
      </Form.Item>
      <Form.Item
        name="model_id"
        label={t("fineTuningPage.field.baseModel")}
        rules={[{ required: true, message: t("fineTuningPage.wizard.modelRequired") }]}
      >
        <Select
          showSearch
          optionFilterProp="label"
          loading={models.isPending}
          options={(models.data?.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
          onChange={(id: string) => {
            const picked = models.data?.data.find((m) => m.id === id);
            const latest = picked?.tags.some((p) => p.tag === "latest");
            form.setFieldValue("base_ref", latest ? "tag:latest" : undefined);
          }}
        />
      </Form.Item>
      <Form.Item
        name="base_ref"
        label={t("fineTuningPage.field.baseRef")}
        rules={[{ required: true, message: t("fineTuningPage.wizard.refRequired") }]}
      >
        <Select
          disabled={!modelId}
          loading={Boolean(modelId) && versions.isPending}
          options={[
            {
              label: t("fineTuningPage.wizard.tags"),
              options: (model?.tags ?? []).map((p) => ({
                value: `tag:${p.tag}`,
                label: `${p.tag} → ${p.version_id}`,
              })),
            },
            {
              label: t("fineTuningPage.wizard.versions"),
              options: (versions.data?.data ?? []).map((mv) => ({
                value: `version:${mv.id}`,
                label: `${mv.id} · ${mv.format} · ${mv.artifact_type}`,
              })),
            },
          ]}
        />
      </Form.Item>
      {applied && applied === v?.id ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("fineTuningPage.wizard.recommendationApplied")}
          description={recommendation?.note}
        />
      ) : null}
      {resolved ? (
        <section aria-label={t("fineTuningPage.wizard.resolvedVersion")}>
          <Typography.Title level={5}>{t("fineTuningPage.wizard.resolvedVersion")}</Typography.Title>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t("fineTuningPage.wizard.versionId")}>
              <IDBadge id={resolved} />
            </Descriptions.Item>
            <Descriptions.Item label={t("fineTuningPage.wizard.params")}>
              {formatCount(v?.metadata.parameter_count)}
            </Descriptions.Item>
            <Descriptions.Item label={t("fineTuningPage.wizard.context")}>
              {formatCount(v?.metadata.context_length)}
            </Descriptions.Item>
            <Descriptions.Item label={t("fineTuningPage.wizard.format")}>
              {v ? `${v.format} · ${t(`status.model_artifact_type.${v.artifact_type}`)}` : "—"}
            </Descriptions.Item>
          </Descriptions>
        </section>
      ) : null}
    </>
  );
}
