import { useQuery } from "@tanstack/react-query";
import { Descriptions, Form, type FormInstance, InputNumber, Radio, Select, Typography } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../lib/client";
import { formatCount } from "./format";
import type { WizardValues } from "./wizard-values";

/** Step 2: the dataset version to train on, and how validation rows are found (a split or a version). */
export function DataStep({ form, projectId }: { form: FormInstance<WizardValues>; projectId: string }) {
  const { t } = useTranslation();
  const datasetId = Form.useWatch("dataset_id", form);
  const versionId = Form.useWatch("dataset_version_id", form);
  const mode = Form.useWatch("validation_mode", form) ?? "split";
  const datasets = useQuery({
    queryKey: ["datasets", projectId, "fine-tuning-wizard"],
    queryFn: () => api.datasets.list(projectId, { limit: 100 }),
  });
  const versions = useQuery({
    queryKey: ["dataset", datasetId ?? "", "versions"],
    queryFn: () => api.datasets.versions.list(datasetId ?? "", { limit: 100 }),
    enabled: Boolean(datasetId),
  });
  // An imported or cloned configuration names the version alone: find its dataset for the picker.
  const orphan = versionId && !datasetId ? versionId : null;
  const owner = useQuery({
    queryKey: ["dataset-version", orphan ?? ""],
    queryFn: () => api.datasets.versions.get(orphan ?? ""),
    enabled: Boolean(orphan),
  });
  useEffect(() => {
    if (owner.data && !form.getFieldValue("dataset_id"))
      form.setFieldValue("dataset_id", owner.data.dataset_id);
  }, [owner.data, form]);

  const version = versions.data?.data.find((v) => v.id === versionId);
  const stats = version?.token_stats ?? null;
  const versionOptions = (versions.data?.data ?? []).map((v) => ({
    value: v.id,
    label: t("fineTuningPage.wizard.versionOption", { number: v.number, rows: v.rows }),
  }));

  return (
    <>
      <Form.Item
        name="dataset_id"
        label={t("fineTuningPage.field.dataset")}
        rules={[{ required: true, message: t("fineTuningPage.wizard.datasetRequired") }]}
      >
        <Select
          showSearch
          optionFilterProp="label"
          loading={datasets.isPending}
          options={(datasets.data?.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          onChange={(id: string) => {
            const picked = datasets.data?.data.find((d) => d.id === id);
            form.setFieldsValue({
              dataset_version_id: picked?.latest_version_id ?? undefined,
              validation_dataset_version_id: undefined,
            });
          }}
        />
      </Form.Item>
      <Form.Item
        name="dataset_version_id"
        label={t("fineTuningPage.field.datasetVersion")}
        rules={[{ required: true, message: t("fineTuningPage.wizard.versionRequired") }]}
      >
        <Select
          disabled={!datasetId}
          loading={Boolean(datasetId) && versions.isPending}
          options={versionOptions}
        />
      </Form.Item>
      {version ? (
        <section aria-label={t("fineTuningPage.wizard.datasetSummary")}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t("fineTuningPage.wizard.rows")}>{version.rows}</Descriptions.Item>
            <Descriptions.Item label={t("fineTuningPage.wizard.shape")}>
              {version.format} · {version.shape}
            </Descriptions.Item>
            {stats ? (
              <>
                <Descriptions.Item label={t("fineTuningPage.wizard.tokensTotal")}>
                  {formatCount(stats.total.sum)}
                </Descriptions.Item>
                <Descriptions.Item label={t("fineTuningPage.wizard.tokensPerRow")}>
                  {t("fineTuningPage.wizard.tokenDist", {
                    mean: Math.round(stats.total.mean),
                    p95: stats.total.p95,
                    max: stats.total.max,
                  })}
                </Descriptions.Item>
              </>
            ) : (
              <Descriptions.Item label={t("fineTuningPage.wizard.tokensTotal")}>
                <Typography.Text type="secondary">{t("fineTuningPage.wizard.noTokenStats")}</Typography.Text>
              </Descriptions.Item>
            )}
          </Descriptions>
        </section>
      ) : null}
      <Form.Item name="validation_mode" label={t("fineTuningPage.field.validation")}>
        <Radio.Group
          options={[
            { value: "split", label: t("fineTuningPage.wizard.validationSplit") },
            { value: "version", label: t("fineTuningPage.wizard.validationVersion") },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="validation_split"
        label={t("fineTuningPage.field.validation_split")}
        extra={t("fineTuningPage.hint.validationSplit")}
        hidden={mode !== "split"}
      >
        <InputNumber min={0} max={0.99} step={0.05} />
      </Form.Item>
      <Form.Item
        name="validation_dataset_version_id"
        label={t("fineTuningPage.field.validation_dataset_version_id")}
        hidden={mode !== "version"}
        rules={
          mode === "version" ? [{ required: true, message: t("fineTuningPage.wizard.versionRequired") }] : []
        }
      >
        <Select options={versionOptions.filter((o) => o.value !== versionId)} />
      </Form.Item>
    </>
  );
}
