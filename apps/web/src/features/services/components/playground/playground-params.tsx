import { Form, Input, InputNumber, Select, Switch, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { PlaygroundParams } from "./use-playground-chat";

export type ResponseFormatKind = "text" | "json_object" | "json_schema";

export interface ParamsState {
  params: PlaygroundParams;
  format: ResponseFormatKind;
  /** The JSON schema as typed (parsed when sent). */
  schemaText: string;
}

export const initialParams: ParamsState = {
  params: { stream: true, systemPrompt: "", temperature: 0.7, top_p: 1, max_tokens: 256 },
  format: "text",
  schemaText:
    '{\n  "type": "object",\n  "properties": { "answer": { "type": "string" } },\n  "required": ["answer"]\n}',
};

/** The schema typed for `json_schema`, or why it cannot be sent. */
export function parseSchema(text: string): { schema: Record<string, unknown> } | { error: true } {
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? { schema: value } : { error: true };
  } catch {
    return { error: true };
  }
}

/**
 * The parameter panel (seed 000 §4.3.7 Tab 5): what both runtimes support — temperature, top_p,
 * max tokens, presence and frequency penalties, stop sequences, seed, a system prompt, streaming,
 * and the response format (a JSON schema is enforced with a grammar by llama.cpp).
 */
export function PlaygroundParamsPanel({
  value,
  onChange,
}: {
  value: ParamsState;
  onChange: (next: ParamsState) => void;
}) {
  const { t } = useTranslation();
  const p = value.params;
  const set = (patch: Partial<PlaygroundParams>) => onChange({ ...value, params: { ...p, ...patch } });
  const num = (v: number | string | null) => (typeof v === "number" ? v : undefined);
  const schemaBad = value.format === "json_schema" && "error" in parseSchema(value.schemaText);
  return (
    <Form layout="vertical" component="div" size="small">
      <Form.Item label={t("playground.params.systemPrompt")} htmlFor="playground-system">
        <Input.TextArea
          id="playground-system"
          autoSize={{ minRows: 2, maxRows: 6 }}
          value={p.systemPrompt}
          onChange={(e) => set({ systemPrompt: e.target.value })}
        />
      </Form.Item>
      <Form.Item label={t("playground.params.stream")} htmlFor="playground-stream">
        <Switch id="playground-stream" checked={p.stream} onChange={(stream) => set({ stream })} />
      </Form.Item>
      <Form.Item label={t("playground.params.temperature")} htmlFor="playground-temperature">
        <InputNumber
          id="playground-temperature"
          min={0}
          max={2}
          step={0.1}
          value={p.temperature}
          onChange={(v) => set({ temperature: num(v) })}
        />
      </Form.Item>
      <Form.Item label={t("playground.params.topP")} htmlFor="playground-top-p">
        <InputNumber
          id="playground-top-p"
          min={0.01}
          max={1}
          step={0.05}
          value={p.top_p}
          onChange={(v) => set({ top_p: num(v) })}
        />
      </Form.Item>
      <Form.Item label={t("playground.params.maxTokens")} htmlFor="playground-max-tokens">
        <InputNumber
          id="playground-max-tokens"
          min={1}
          max={131_072}
          precision={0}
          value={p.max_tokens}
          onChange={(v) => set({ max_tokens: num(v) })}
        />
      </Form.Item>
      <Form.Item label={t("playground.params.presencePenalty")} htmlFor="playground-presence">
        <InputNumber
          id="playground-presence"
          min={-2}
          max={2}
          step={0.1}
          value={p.presence_penalty}
          onChange={(v) => set({ presence_penalty: num(v) })}
        />
      </Form.Item>
      <Form.Item label={t("playground.params.frequencyPenalty")} htmlFor="playground-frequency">
        <InputNumber
          id="playground-frequency"
          min={-2}
          max={2}
          step={0.1}
          value={p.frequency_penalty}
          onChange={(v) => set({ frequency_penalty: num(v) })}
        />
      </Form.Item>
      <Form.Item
        label={t("playground.params.stop")}
        htmlFor="playground-stop"
        extra={t("playground.params.stopHint")}
      >
        <Select
          id="playground-stop"
          mode="tags"
          maxCount={4}
          open={false}
          value={typeof p.stop === "string" ? [p.stop] : (p.stop ?? [])}
          onChange={(stop: string[]) => set({ stop: stop.length ? stop : undefined })}
        />
      </Form.Item>
      <Form.Item label={t("playground.params.seed")} htmlFor="playground-seed">
        <InputNumber
          id="playground-seed"
          min={0}
          precision={0}
          value={p.seed}
          placeholder={t("playground.params.seedNone")}
          onChange={(v) => set({ seed: num(v) })}
        />
      </Form.Item>
      <Form.Item label={t("playground.params.format")} htmlFor="playground-format">
        <Select
          id="playground-format"
          value={value.format}
          onChange={(format: ResponseFormatKind) => onChange({ ...value, format })}
          options={(["text", "json_object", "json_schema"] as const).map((f) => ({
            value: f,
            label: t(`playground.params.formats.${f}`),
          }))}
        />
      </Form.Item>
      {value.format === "json_schema" ? (
        <Form.Item
          label={t("playground.params.schema")}
          htmlFor="playground-schema"
          validateStatus={schemaBad ? "error" : undefined}
          help={schemaBad ? t("playground.params.schemaInvalid") : undefined}
          extra={<Typography.Text type="secondary">{t("playground.params.schemaHint")}</Typography.Text>}
        >
          <Input.TextArea
            id="playground-schema"
            autoSize={{ minRows: 4, maxRows: 12 }}
            style={{ fontFamily: "monospace" }}
            value={value.schemaText}
            onChange={(e) => onChange({ ...value, schemaText: e.target.value })}
          />
        </Form.Item>
      ) : null}
    </Form>
  );
}

/** The parameters as sent: the response format built from the panel's choice. */
export function paramsToSend(state: ParamsState): PlaygroundParams | null {
  if (state.format === "text") return state.params;
  if (state.format === "json_object") return { ...state.params, response_format: { type: "json_object" } };
  const parsed = parseSchema(state.schemaText);
  if ("error" in parsed) return null;
  return {
    ...state.params,
    response_format: { type: "json_schema", json_schema: { name: "playground", schema: parsed.schema } },
  };
}
