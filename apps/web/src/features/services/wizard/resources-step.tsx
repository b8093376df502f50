import type { ResourceClass } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Descriptions, Form, type FormInstance, InputNumber, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { api } from "../../../lib/client";
import { serviceKeys } from "../api";
import { formatBytes } from "./format";
import type { PickedVersion } from "./use-picked-version";
import type { ServiceWizardValues } from "./wizard-values";

/** A llama.cpp replica holds the whole model file in memory: past this share of the class's memory, warn. */
const MEMORY_WARN_SHARE = 0.8;

export function useResourceClasses() {
  return useQuery({
    queryKey: serviceKeys.resourceClasses,
    queryFn: () => api.fineTuning.resourceClasses.list({ limit: 100 }),
  });
}

export function classLabel(c: ResourceClass): string {
  const gpus = c.gpu_count > 0 ? ` · ${c.gpu_count}× ${c.gpu_model ?? ""}` : "";
  return `${c.display_name} (${c.name}) · ${c.cpus} CPU · ${formatBytes(c.memory_bytes)}${gpus}`;
}

/** Step 4: the resource class, its GPUs, a warning when the model is large for its memory, and the cost. */
export function ResourcesStep({
  form,
  picked,
}: {
  form: FormInstance<ServiceWizardValues>;
  picked: PickedVersion;
}) {
  const { t } = useTranslation();
  const classes = useResourceClasses();
  const name = Form.useWatch("resource_class", form);
  const all = Form.useWatch([], { form, preserve: true }) as ServiceWizardValues | undefined;
  const enabled = (classes.data?.data ?? []).filter((c) => c.enabled || c.name === name);
  const chosen = enabled.find((c) => c.name === name);
  const size = picked.version.data?.size;
  const tooLarge =
    chosen && size && all?.runtime_kind === "llama.cpp" && size > chosen.memory_bytes * MEMORY_WARN_SHARE;
  const min = all?.min_replicas ?? 1;
  const max = all?.max_replicas ?? min;
  return (
    <>
      <Form.Item
        name="resource_class"
        label={t("serviceWizard.field.resourceClass")}
        rules={[{ required: true, message: t("serviceWizard.error.classRequired") }]}
      >
        <Select
          loading={classes.isPending}
          options={enabled.map((c) => ({ value: c.name, label: classLabel(c) }))}
          onChange={(n: string) => {
            const c = enabled.find((x) => x.name === n);
            if (c) form.setFieldValue("gpu_count", c.gpu_count);
          }}
        />
      </Form.Item>
      <Form.Item
        name="gpu_count"
        label={t("serviceWizard.field.gpuCount")}
        extra={t("serviceWizard.hint.gpuCount", { max: chosen?.gpu_count ?? 0 })}
      >
        <InputNumber style={{ width: 200 }} min={0} />
      </Form.Item>
      {tooLarge ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("serviceWizard.resources.tooLarge", {
            size: formatBytes(size),
            memory: formatBytes(chosen.memory_bytes),
          })}
        />
      ) : null}
      {chosen ? (
        <Card
          size="small"
          title={t("serviceWizard.resources.cost")}
          aria-label={t("serviceWizard.resources.cost")}
        >
          {chosen.hourly_price > 0 ? (
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t("serviceWizard.resources.perReplica")}>
                {`${chosen.hourly_price} ${chosen.currency}/h`}
              </Descriptions.Item>
              <Descriptions.Item label={t("serviceWizard.resources.range", { min, max })}>
                {`${round(chosen.hourly_price * min)}–${round(chosen.hourly_price * max)} ${chosen.currency}/h`}
              </Descriptions.Item>
            </Descriptions>
          ) : (
            <Typography.Text type="secondary">{t("serviceWizard.resources.noPrice")}</Typography.Text>
          )}
        </Card>
      ) : null}
    </>
  );
}

const round = (n: number) => Math.round(n * 100) / 100;
