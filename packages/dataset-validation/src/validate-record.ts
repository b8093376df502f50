import { detectFormat, fieldDifferences } from "./detect-format.js";
import type { ChatMessage, DatasetFormat, DatasetRecord, RowErrorCode } from "./types.js";
import { describe, validateMessages } from "./validate-messages.js";

export type RecordResult =
  | { ok: true; record: DatasetRecord }
  | { ok: false; code: RowErrorCode; message: string };

const fail = (code: RowErrorCode, message: string): RecordResult => ({ ok: false, code, message });

/** Checks one JSON object against the dataset's format; says which fields are missing or unexpected. */
export function validateRecord(value: Record<string, unknown>, format: DatasetFormat): RecordResult {
  const own = detectFormat(value);
  const { missing, unexpected } = fieldDifferences(value, format);
  if (own !== format) {
    const parts = [
      missing.length ? `missing ${missing.join(", ")}` : "",
      unexpected.length ? `unexpected ${unexpected.join(", ")}` : "",
    ].filter(Boolean);
    const looks = own ? `record looks like ${own}` : "record has none of the format fields";
    return fail("format_mismatch", `${looks} but the dataset is ${format}: ${parts.join("; ")}`);
  }
  if (unexpected.length > 0)
    return fail(
      "format_mismatch",
      `unexpected ${unexpected.join(", ")} in a ${format} record (fields of another format)`,
    );
  if (missing.length > 0) return fail("invalid_record", `missing ${missing.join(", ")} (format ${format})`);
  switch (format) {
    case "chat": {
      const r = validateMessages(value.messages, "messages", true);
      return r.ok ? { ok: true, record: { format, messages: r.messages } } : fail("invalid_record", r.error);
    }
    case "prompt_completion": {
      if (typeof value.prompt !== "string")
        return fail("invalid_record", stringError("prompt", value.prompt));
      if (typeof value.completion !== "string")
        return fail("invalid_record", stringError("completion", value.completion));
      if (value.completion === "")
        return fail("invalid_record", "completion is empty (nothing to learn from)");
      return { ok: true, record: { format, prompt: value.prompt, completion: value.completion } };
    }
    case "text": {
      if (typeof value.text !== "string") return fail("invalid_record", stringError("text", value.text));
      if (value.text === "") return fail("invalid_record", "text is empty");
      return { ok: true, record: { format, text: value.text } };
    }
    case "preference":
      return validatePreference(value);
  }
}

function validatePreference(value: Record<string, unknown>): RecordResult {
  const conversational = Array.isArray(value.chosen) || Array.isArray(value.rejected);
  let prompt: string | ChatMessage[] | undefined;
  if (value.prompt !== undefined) {
    if (typeof value.prompt === "string") prompt = value.prompt;
    else if (Array.isArray(value.prompt)) {
      const r = validateMessages(value.prompt, "prompt", false);
      if (!r.ok) return fail("invalid_record", r.error);
      prompt = r.messages;
    } else return fail("invalid_record", `prompt must be a string or an array of messages`);
  } else if (!conversational) {
    return fail("invalid_record", "missing prompt (required when chosen and rejected are strings)");
  }
  const side = (field: "chosen" | "rejected"): { v: string | ChatMessage[] } | { error: string } => {
    const v = value[field];
    if (conversational) {
      if (!Array.isArray(v)) return { error: `${field} must be an array of messages like the other side` };
      const r = validateMessages(v, field, true);
      return r.ok ? { v: r.messages } : { error: r.error };
    }
    if (typeof v !== "string") return { error: stringError(field, v) };
    if (v === "") return { error: `${field} is empty` };
    return { v };
  };
  const c = side("chosen");
  if ("error" in c) return fail("invalid_record", c.error);
  const r = side("rejected");
  if ("error" in r) return fail("invalid_record", r.error);
  const chosen = c.v;
  const rejected = r.v;
  if (JSON.stringify(chosen) === JSON.stringify(rejected))
    return fail("invalid_record", "chosen and rejected are identical");
  return { ok: true, record: { format: "preference", prompt, chosen, rejected } };
}

const stringError = (field: string, v: unknown) => `${field} must be a string, got ${describe(v)}`;
