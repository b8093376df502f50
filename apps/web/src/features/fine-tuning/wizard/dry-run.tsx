import type { FineTuneJobValidation } from "@infera/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, Descriptions, Form, type FormInstance, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { api } from "../../../lib/client";
import { formatBytes } from "./format";
import { toConfig, type WizardValues } from "./wizard-values";

/** Warnings about the data (the rest are shown with the resources). */
const DATA_WARNINGS = /^(tokenizer_mismatch|schema_mismatch|.*truncated|few_records|batch_larger_than_data)$/;

/**
 * The server's dry run of the wizard's current values (`POST …/fine-tuning/jobs/validate`), asked
 * again whenever they change once a base model, a dataset version and an output are chosen. A
 * configuration it refuses answers nothing here: the step checks and submit show those errors.
 */
export function useDryRun(form: FormInstance<WizardValues>, projectId: string, initialValues: WizardValues) {
  const all = Form.useWatch([], { form, preserve: true }) as WizardValues | undefined;
  const config = toConfig({ ...initialValues, ...(all ?? {}) });
  const ready =
    !!(config.base_model.model_id || config.base_model.version_id) &&
    !!config.dataset_version_id &&
    !!(config.output?.model_name || config.output?.model_id);
  return useQuery({
    queryKey: ["fine-tuning", "dry-run", projectId, JSON.stringify(config)],
    queryFn: () => api.fineTuning.jobs.validate(projectId, config),
    enabled: ready,
    retry: false,
    placeholderData: keepPreviousData,
  }).data;
}

/** The dry run's warnings about the data (tokenizer, record shape, truncation) or about the rest. */
export function DryRunWarnings({
  dry,
  part,
}: {
  dry: FineTuneJobValidation | undefined;
  part: "data" | "other";
}) {
  const { t } = useTranslation();
  const shown = (dry?.warnings ?? []).filter((w) => DATA_WARNINGS.test(w.code) === (part === "data"));
  if (!shown.length) return null;
  return (
    <section aria-label={t("fineTuningPage.dryRun.warnings")}>
      {shown.map((w) => (
        <Alert
          key={`${w.code}:${w.message}`}
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={t(`fineTuningPage.dryRun.code.${w.code}`, { defaultValue: w.code })}
          description={w.message}
        />
      ))}
    </section>
  );
}

const VERDICT_COLOR = { fits: "green", tight: "orange", will_not_fit: "red" } as const;

/** Memory each enabled class would need against what it offers, from the dry run. */
export function MemoryVerdicts({ dry }: { dry: FineTuneJobValidation | undefined }) {
  const { t } = useTranslation();
  if (!dry?.estimate.memory.length) return null;
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      title={t("fineTuningPage.dryRun.memory")}
      style={{ marginBottom: 16 }}
    >
      {dry.estimate.memory.map((m) => (
        <Descriptions.Item key={m.resource_class} label={m.resource_class}>
          <Tag color={VERDICT_COLOR[m.verdict]}>{t(`fineTuningPage.dryRun.verdict.${m.verdict}`)}</Tag>
          {t("fineTuningPage.dryRun.needs", {
            needed: formatBytes(m.estimated_bytes),
            available: formatBytes(m.available_bytes),
          })}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** Duration, GPU-hours and the cost range from the dry run (unknown until a job like it has run). */
export function CostEstimate({ dry }: { dry: FineTuneJobValidation | undefined }) {
  const { t } = useTranslation();
  if (!dry) return null;
  const e = dry.estimate;
  const unknown = t("fineTuningPage.dryRun.unknown");
  return (
    <Descriptions size="small" column={2} bordered title={t("fineTuningPage.dryRun.estimate")}>
      <Descriptions.Item label={t("fineTuningPage.dryRun.steps")}>{e.total_steps}</Descriptions.Item>
      <Descriptions.Item label={t("fineTuningPage.dryRun.duration")}>
        {e.duration_seconds === null
          ? unknown
          : t("fineTuningPage.dryRun.seconds", {
              seconds: Math.ceil(e.duration_seconds),
              jobs: e.based_on_jobs,
            })}
      </Descriptions.Item>
      <Descriptions.Item label={t("fineTuningPage.dryRun.gpuHours")}>
        {e.gpu_hours ?? unknown}
      </Descriptions.Item>
      <Descriptions.Item label={t("fineTuningPage.dryRun.cost")}>
        {e.cost ? t("fineTuningPage.dryRun.costRange", e.cost) : unknown}
      </Descriptions.Item>
    </Descriptions>
  );
}
