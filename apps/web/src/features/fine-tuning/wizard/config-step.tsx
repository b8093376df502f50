import { LORA_TARGET_MODULES } from "@infera/contracts";
import { Collapse, Form, type FormInstance, Input, InputNumber, Radio, Select } from "antd";
import { useTranslation } from "react-i18next";
import type { WizardValues } from "./wizard-values";

/** Step 3: stage, method, LoRA, the training schedule (advanced settings folded), and the output model. */
export function ConfigStep({ form }: { form: FormInstance<WizardValues> }) {
  const { t } = useTranslation();
  const method = Form.useWatch("method", form) ?? "lora";
  // Range hints are the contract's (FineTuneJobConfig); the contract itself validates on Next.
  const num = (name: string | (string | number)[], label: string, range: string, step?: number) => (
    <Form.Item name={name} label={label} extra={t("fineTuningPage.hint.range", { range })}>
      <InputNumber step={step} style={{ width: 200 }} />
    </Form.Item>
  );
  return (
    <>
      <Form.Item name="stage" label={t("fineTuningPage.field.stage")}>
        <Radio.Group
          options={(["sft", "pretrain"] as const).map((v) => ({
            value: v,
            label: t(`fineTuningPage.stage.${v}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="method" label={t("fineTuningPage.field.method")}>
        <Radio.Group
          options={(["lora", "full"] as const).map((v) => ({
            value: v,
            label: t(`fineTuningPage.method.${v}`),
          }))}
        />
      </Form.Item>
      {method === "lora" ? (
        <fieldset aria-label={t("fineTuningPage.wizard.lora")} style={{ border: 0, padding: 0 }}>
          {num(["lora", "rank"], t("fineTuningPage.field.lora_rank"), "1–1024")}
          {num(["lora", "alpha"], t("fineTuningPage.field.lora_alpha"), "0–4096")}
          {num(["lora", "dropout"], t("fineTuningPage.field.lora_dropout"), "0–0.99", 0.05)}
          <Form.Item name={["lora", "target_modules"]} label={t("fineTuningPage.field.lora_target_modules")}>
            <Select mode="multiple" options={LORA_TARGET_MODULES.map((m) => ({ value: m, label: m }))} />
          </Form.Item>
        </fieldset>
      ) : null}
      {num("epochs", t("fineTuningPage.field.epochs"), "0–1000")}
      {num("batch_size", t("fineTuningPage.field.batch_size"), "1–4096")}
      {num("learning_rate", t("fineTuningPage.field.learning_rate"), "1e-8–1", 0.0001)}
      <Form.Item
        name={["output", "model_name"]}
        label={t("fineTuningPage.field.output_model_name")}
        extra={t("fineTuningPage.hint.outputName")}
        rules={[{ required: true, message: t("fineTuningPage.wizard.outputRequired") }]}
      >
        <Input maxLength={128} />
      </Form.Item>
      <Collapse
        items={[
          {
            key: "advanced",
            label: t("fineTuningPage.wizard.advanced"),
            // Mounted while folded: the contract's errors must find their fields.
            forceRender: true,
            children: (
              <>
                {num(
                  "gradient_accumulation_steps",
                  t("fineTuningPage.field.gradient_accumulation_steps"),
                  "1–1024",
                )}
                {num("warmup_ratio", t("fineTuningPage.field.warmup_ratio"), "0–1", 0.01)}
                {num("warmup_steps", t("fineTuningPage.field.warmup_steps"), "0–10000000")}
                {num("weight_decay", t("fineTuningPage.field.weight_decay"), "0–10", 0.01)}
                {num("max_length", t("fineTuningPage.field.max_length"), "8–1048576")}
                {num("seed", t("fineTuningPage.field.seed"), "0–2147483647")}
                <Form.Item name="precision" label={t("fineTuningPage.field.precision")}>
                  <Radio.Group options={["fp32", "bf16", "fp16"].map((v) => ({ value: v, label: v }))} />
                </Form.Item>
              </>
            ),
          },
        ]}
      />
    </>
  );
}
