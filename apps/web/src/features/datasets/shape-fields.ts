import type { DatasetShape } from "@infera/contracts";

/**
 * The fields each shape reads (docs/guide/datasets.md "Formats"): what a column mapping may target.
 * The wizard offers these as the mapping's target fields for the chosen (or detected) shape.
 */
export const SHAPE_FIELDS: Record<DatasetShape, readonly string[]> = {
  chat: ["messages", "tools"],
  prompt_completion: ["prompt", "completion"],
  text: ["text"],
  preference: ["prompt", "chosen", "rejected"],
  alpaca: ["instruction", "input", "output", "system", "history"],
  alpaca_preference: ["instruction", "input", "system", "history", "chosen", "rejected"],
  sharegpt: ["conversations", "system", "tools"],
  sharegpt_preference: ["conversations", "system", "tools", "chosen", "rejected"],
  openai_preference: ["input", "preferred_output", "non_preferred_output"],
};

/** Every field some shape reads, for a mapping made before a shape is chosen. */
export const ALL_FIELDS: readonly string[] = [...new Set(Object.values(SHAPE_FIELDS).flat())];

/** One line of the mapping editor: possibly half filled while the user edits it. */
export interface MappingRow {
  target: string | null;
  source: string | null;
}

/** The complete lines as the API's mapping (target ← source). */
export function toMapping(rows: readonly MappingRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) if (r.target && r.source) out[r.target] = r.source;
  return out;
}

export const toRows = (mapping: Record<string, string> | null | undefined): MappingRow[] =>
  Object.entries(mapping ?? {}).map(([target, source]) => ({ target, source }));

/** `prompt ← question, completion ← answer`. */
export const mappingText = (mapping: Record<string, string>): string =>
  Object.entries(mapping)
    .map(([target, source]) => `${target} ← ${source}`)
    .join(", ");
