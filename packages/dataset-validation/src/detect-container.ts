import type { DatasetContainer } from "./types.js";

const PARQUET = [0x50, 0x41, 0x52, 0x31]; // "PAR1"

/** gzip's magic bytes (1f 8b). */
export const isGzip = (head: Uint8Array): boolean => head[0] === 0x1f && head[1] === 0x8b;

/**
 * A file's container from its first bytes, the name as a hint: "PAR1" → Parquet; first non-space
 * character "[" → a JSON array, "{" → JSONL; otherwise the extension (.csv/.tsv → CSV, .json/.jsonl
 * → JSONL, whose checks then say what is wrong); otherwise CSV (text that is not JSON).
 */
export function detectContainer(head: Uint8Array, name: string | undefined): DatasetContainer {
  if (PARQUET.every((b, i) => head[i] === b)) return "parquet";
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09))
    i++;
  if (head[i] === 0x5b) return "json";
  if (head[i] === 0x7b) return "jsonl";
  const base = (name ?? "").toLowerCase().replace(/\.gz$/, "");
  if (base.endsWith(".parquet")) return "parquet";
  if (base.endsWith(".jsonl") || base.endsWith(".json") || base.endsWith(".ndjson")) return "jsonl";
  if (i >= head.length) return "jsonl"; // empty or blank: nothing to read either way
  return "csv";
}
