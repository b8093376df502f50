import type { FineTuneMemoryFit, ResourceClass } from "@infera/contracts";
import { Descriptions, Form, type FormInstance, InputNumber, Select } from "antd";
import { useTranslation } from "react-i18next";
import { useResourceClasses } from "../api";
import { formatBytes } from "./format";
import type { WizardValues } from "./wizard-values";

export function classLabel(c: ResourceClass): string {
  const gpus = c.gpu_count > 0 ? ` · ${c.gpu_count}× ${c.gpu_model ?? ""}` : "";
  return `${c.display_name} (${c.name})${gpus} · ${c.hourly_price} ${c.currency}/h`;
}

/** Step 4: the resource class (with its price and, once known, whether the job fits its memory), GPUs, checkpoints, a budget cap and the priority. */
export function ResourcesStep({
  form,
  memory = [],
}: {
  form: FormInstance<WizardValues>;
  /** The dry run's memory verdicts: a class the job will not fit in is marked and cannot be picked. */
  memory?: FineTuneMemoryFit[];
}) {
  const { t } = useTranslation();
  const classes = useResourceClasses();
  const name = Form.useWatch("resource_class", form);
  const enabled = (classes.data?.data ?? []).filter((c) => c.enabled || c.name === name);
  const picked = enabled.find((c) => c.name === name);
  return (
    <>
      <Form.Item name="resource_class" label={t("fineTuningPage.field.resource_class")}>
        <Select
          loading={classes.isPending}
          options={enabled.map((c) => {
            const tooSmall = memory.some((m) => m.resource_class === c.name && m.verdict === "will_not_fit");
            return {
              value: c.name,
              label: tooSmall ? `${classLabel(c)} · ${t("fineTuningPage.dryRun.willNotFit")}` : classLabel(c),
              disabled: tooSmall && c.name !== name,
            };
          })}
          onChange={(n: string) => {
            const c = enabled.find((x) => x.name === n);
            if (c) form.setFieldValue("gpu_count", c.gpu_count);
          }}
        />
      </Form.Item>
      {picked ? (
        <section aria-label={t("fineTuningPage.wizard.classSummary")}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t("fineTuningPage.wizard.price")}>
              {t("fineTuningPage.wizard.perHour", { price: picked.hourly_price, currency: picked.currency })}
            </Descriptions.Item>
            <Descriptions.Item label={t("fineTuningPage.wizard.cpus")}>{picked.cpus}</Descriptions.Item>
            <Descriptions.Item label={t("fineTuningPage.wizard.memory")}>
              {formatBytes(picked.memory_bytes)}
            </Descriptions.Item>
            <Descriptions.Item label={t("fineTuningPage.wizard.gpus")}>
              {picked.gpu_count > 0
                ? `${picked.gpu_count}× ${picked.gpu_model ?? ""} ${formatBytes(picked.gpu_memory_bytes)}`
                : t("fineTuningPage.wizard.noGpu")}
            </Descriptions.Item>
          </Descriptions>
        </section>
      ) : null}
      <Form.Item
        name="gpu_count"
        label={t("fineTuningPage.field.gpu_count")}
        extra={t("fineTuningPage.hint.range", { range: "0–64" })}
      >
        <InputNumber style={{ width: 200 }} />
      </Form.Item>
      <Form.Item
        name="checkpoint_interval_minutes"
        label={t("fineTuningPage.field.checkpoint_interval_minutes")}
        extra={t("fineTuningPage.hint.range", { range: "0–1440" })}
      >
        <InputNumber style={{ width: 200 }} />
      </Form.Item>
      <Form.Item
        name="budget_gpu_hours"
        label={t("fineTuningPage.field.budget_gpu_hours")}
        extra={t("fineTuningPage.hint.budget")}
      >
        <InputNumber style={{ width: 200 }} />
      </Form.Item>
      <Form.Item
        name="priority"
        label={t("fineTuningPage.field.priority")}
        extra={t("fineTuningPage.hint.range", { range: "-100–100" })}
      >
        <InputNumber style={{ width: 200 }} />
      </Form.Item>
    </>
  );
}
