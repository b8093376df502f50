import { Alert, Descriptions, Form, type FormInstance, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { IDBadge } from "../../../components/id-badge/id-badge";
import { formatBytes, formatCount } from "./format";
import type { PickedVersion } from "./use-picked-version";
import type { ServiceWizardValues } from "./wizard-values";

/** Step 2: the model and a tag or version of it, resolved to the version id the revision stores. */
export function ModelStep({
  form,
  picked,
}: {
  form: FormInstance<ServiceWizardValues>;
  picked: PickedVersion;
}) {
  const { t } = useTranslation();
  const { models, versions, model, resolved, version } = picked;
  const v = version.data;
  return (
    <>
      <Form.Item
        name="model_id"
        label={t("serviceWizard.field.model")}
        rules={[{ required: true, message: t("serviceWizard.error.modelRequired") }]}
      >
        <Select
          showSearch
          optionFilterProp="label"
          loading={models.isPending}
          options={(models.data?.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
          onChange={(id: string) => {
            const chosen = models.data?.data.find((m) => m.id === id);
            const latest = chosen?.tags.some((p) => p.tag === "latest");
            form.setFieldValue("model_ref", latest ? "tag:latest" : undefined);
          }}
        />
      </Form.Item>
      <Form.Item
        name="model_ref"
        label={t("serviceWizard.field.modelRef")}
        extra={t("serviceWizard.hint.modelRef")}
        rules={[{ required: true, message: t("serviceWizard.error.refRequired") }]}
      >
        <Select
          loading={versions.isFetching}
          options={[
            {
              label: t("serviceWizard.tags"),
              options: (model?.tags ?? []).map((p) => ({
                value: `tag:${p.tag}`,
                label: `${p.tag} → ${p.version_id}`,
              })),
            },
            {
              label: t("serviceWizard.versions"),
              options: [
                ...(versions.data?.data ?? []),
                // A preselected version older than the newest 50 still shows.
                ...(v && !versions.data?.data.some((x) => x.id === v.id) ? [v] : []),
              ].map((mv) => ({
                value: `version:${mv.id}`,
                label: `${mv.id} · ${mv.format} · ${mv.artifact_type}`,
              })),
            },
          ]}
        />
      </Form.Item>
      {resolved ? (
        <section aria-label={t("serviceWizard.resolvedVersion")}>
          <Typography.Title level={5}>{t("serviceWizard.resolvedVersion")}</Typography.Title>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t("serviceWizard.versionId")}>
              <IDBadge id={resolved} />
            </Descriptions.Item>
            <Descriptions.Item label={t("serviceWizard.format")}>
              {v ? `${v.format} · ${t(`status.model_artifact_type.${v.artifact_type}`)}` : "—"}
            </Descriptions.Item>
            <Descriptions.Item label={t("serviceWizard.size")}>{formatBytes(v?.size)}</Descriptions.Item>
            <Descriptions.Item label={t("serviceWizard.params")}>
              {formatCount(v?.metadata.parameter_count)}
            </Descriptions.Item>
            <Descriptions.Item label={t("serviceWizard.context")}>
              {formatCount(v?.metadata.context_length)}
            </Descriptions.Item>
            <Descriptions.Item label={t("serviceWizard.quantization")}>
              {v?.metadata.quantization ?? "—"}
            </Descriptions.Item>
            {v?.base_model_version_id ? (
              <Descriptions.Item label={t("serviceWizard.baseVersion")}>
                <IDBadge id={v.base_model_version_id} />
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {v?.artifact_type === "adapter" ? (
            <Alert type="info" showIcon style={{ marginTop: 8 }} title={t("serviceWizard.adapterHint")} />
          ) : null}
        </section>
      ) : null}
    </>
  );
}
