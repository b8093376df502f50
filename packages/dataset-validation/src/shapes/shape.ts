import { detectFormat } from "../detect-format.js";
import type { DatasetFormat } from "../types.js";

/**
 * The record shapes a dataset may arrive in: today's four (whose records are already the internal
 * form; `chat` is OpenAI's chat format with `tools`, `tool_calls` and `weight`) and the shapes of
 * LLaMA-Factory / ms-swift / Axolotl and OpenAI's preference fine-tuning, mapped onto them.
 */
export type DatasetShape =
  | DatasetFormat
  | "alpaca"
  | "alpaca_preference"
  | "sharegpt"
  | "sharegpt_preference"
  | "openai_preference";

export const DATASET_SHAPES: readonly DatasetShape[] = [
  "chat",
  "prompt_completion",
  "text",
  "preference",
  "alpaca",
  "alpaca_preference",
  "sharegpt",
  "sharegpt_preference",
  "openai_preference",
];

/** The internal form each shape becomes (what the trainer and the token statistics read). */
export const SHAPE_FORMAT: Record<DatasetShape, DatasetFormat> = {
  chat: "chat",
  prompt_completion: "prompt_completion",
  text: "text",
  preference: "preference",
  alpaca: "chat",
  alpaca_preference: "preference",
  sharegpt: "chat",
  sharegpt_preference: "preference",
  openai_preference: "preference",
};

const isPreference = (r: Record<string, unknown>) => "chosen" in r || "rejected" in r;

/**
 * The shape a record's keys point to, in this order: `conversations` (ShareGPT), `instruction`
 * (Alpaca), `preferred_output`/`non_preferred_output` (OpenAI preference), then today's rules
 * (`chosen`/`rejected`, `messages`, `prompt`/`completion`, `text`). Undefined when none match.
 */
export function detectShape(record: Record<string, unknown>): DatasetShape | undefined {
  if ("conversations" in record) return isPreference(record) ? "sharegpt_preference" : "sharegpt";
  if ("instruction" in record) return isPreference(record) ? "alpaca_preference" : "alpaca";
  if ("preferred_output" in record || "non_preferred_output" in record) return "openai_preference";
  return detectFormat(record);
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
