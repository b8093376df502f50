import type { DatasetFormat } from "./types.js";

/** The fields that say which format a record is in; other fields (ids, metadata, tools) are allowed. */
export const FORMAT_FIELDS: Record<DatasetFormat, readonly string[]> = {
  chat: ["messages"],
  prompt_completion: ["prompt", "completion"],
  text: ["text"],
  preference: ["prompt", "chosen", "rejected"],
};

/** Required fields per format (preference's prompt is optional for conversational pairs). */
export const REQUIRED_FIELDS: Record<DatasetFormat, readonly string[]> = {
  chat: ["messages"],
  prompt_completion: ["prompt", "completion"],
  text: ["text"],
  preference: ["chosen", "rejected"],
};

const SIGNATURE_FIELDS = ["messages", "prompt", "completion", "text", "chosen", "rejected"];

/** The format a record's fields point to, or undefined when it has none of the format fields. */
export function detectFormat(record: Record<string, unknown>): DatasetFormat | undefined {
  if ("chosen" in record || "rejected" in record) return "preference";
  if ("messages" in record) return "chat";
  if ("prompt" in record || "completion" in record) return "prompt_completion";
  if ("text" in record) return "text";
  return undefined;
}

/** Fields missing for `format`, and format fields present that `format` does not have. */
export function fieldDifferences(
  record: Record<string, unknown>,
  format: DatasetFormat,
): { missing: string[]; unexpected: string[] } {
  const own = new Set(FORMAT_FIELDS[format]);
  return {
    missing: REQUIRED_FIELDS[format].filter((f) => !(f in record)),
    unexpected: SIGNATURE_FIELDS.filter((f) => f in record && !own.has(f)),
  };
}
