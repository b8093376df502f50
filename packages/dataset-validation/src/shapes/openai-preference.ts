import { validateMessages } from "../validate-messages.js";
import type { RecordResult } from "../validate-record.js";
import { isObject } from "./shape.js";

const fail = (message: string): RecordResult => ({ ok: false, code: "invalid_record", message });

/**
 * OpenAI's preference fine-tuning record (`input: {messages, tools?}`, `preferred_output` and
 * `non_preferred_output`: arrays of assistant messages) → a preference record whose prompt is the
 * input's messages.
 */
export function openaiPreferenceRecord(value: Record<string, unknown>): RecordResult {
  const { input } = value;
  if (input === undefined) return fail("missing input (format openai_preference)");
  if (!isObject(input)) return fail("input must be an object {messages, tools?}");
  const prompt = validateMessages(input.messages, "input.messages", false);
  if (!prompt.ok) return fail(prompt.error);
  const sides = [];
  for (const field of ["preferred_output", "non_preferred_output"] as const) {
    if (value[field] === undefined) return fail(`missing ${field} (format openai_preference)`);
    const r = validateMessages(value[field], field, true);
    if (!r.ok) return fail(r.error);
    const other = r.messages.findIndex((m) => m.role !== "assistant");
    if (other >= 0) return fail(`${field}[${other}].role must be assistant`);
    sides.push(r.messages);
  }
  if (JSON.stringify(sides[0]) === JSON.stringify(sides[1]))
    return fail("preferred_output and non_preferred_output are identical");
  return {
    ok: true,
    record: { format: "preference", prompt: prompt.messages, chosen: sides[0]!, rejected: sides[1]! },
  };
}
