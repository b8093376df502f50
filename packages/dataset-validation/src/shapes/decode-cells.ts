import type { DatasetShape } from "./shape.js";

/** Per shape, the fields that hold arrays or objects; in a table, their cells hold that JSON as text. */
const STRUCTURED: Partial<Record<DatasetShape, readonly string[]>> = {
  chat: ["messages", "tools"],
  preference: ["prompt", "chosen", "rejected"],
  alpaca: ["history"],
  alpaca_preference: ["history"],
  sharegpt: ["conversations", "tools"],
  sharegpt_preference: ["conversations", "tools", "chosen", "rejected"],
  openai_preference: ["input", "preferred_output", "non_preferred_output"],
};

/** Fields that may also be plain text: decoded only when the cell is a JSON array of objects (messages). */
const AMBIGUOUS = new Set(["prompt", "chosen", "rejected"]);

/**
 * A table row (CSV, Parquet) with the cells of its shape's structured fields parsed from JSON text
 * when they start with "[" or "{" and parse (an empty one is dropped); other cells stay as they are, and a cell that does not
 * parse is left for the shape's check to report.
 */
export function decodeCells(value: Record<string, unknown>, shape: DatasetShape): Record<string, unknown> {
  for (const key of STRUCTURED[shape] ?? []) {
    const v = value[key];
    if (typeof v !== "string") continue;
    const t = v.trimStart();
    if (t === "") {
      // An empty cell of a structured field is an absent field (e.g. no `history`).
      delete value[key];
      continue;
    }
    if (t[0] !== "[" && t[0] !== "{") continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch {
      continue;
    }
    const messages = Array.isArray(parsed) && parsed.every((m) => typeof m === "object" && m !== null);
    if (shape === "preference" && AMBIGUOUS.has(key) && !messages) continue;
    value[key] = parsed;
  }
  return value;
}
