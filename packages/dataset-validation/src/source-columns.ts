import { type ReadOptions, readRecords } from "./read-records.js";
import type { DatasetSources } from "./types.js";

/**
 * The keys of the first `limit` records as uploaded, before any mapping, in order of appearance:
 * the columns a column mapping may read (a CSV header, a Parquet schema, a JSON record's keys).
 * Records that are not JSON objects are skipped; reading stops after `limit` records.
 */
export async function sourceColumns(
  sources: DatasetSources,
  limit = 20,
  opts: Omit<ReadOptions, "mapping"> = {},
): Promise<string[]> {
  const columns = new Set<string>();
  const decoder = new TextDecoder();
  let seen = 0;
  if (limit <= 0) return [];
  for await (const raw of readRecords(sources, {
    container: opts.container,
    maxLineBytes: opts.maxLineBytes,
  })) {
    // A table's own columns first (a Parquet null leaves its key out of the row).
    for (const c of raw.columns ?? []) columns.add(c);
    let value: unknown = raw.value;
    if (value === undefined && raw.bytes !== undefined) {
      const text = decoder.decode(raw.bytes).trim();
      if (!text) continue;
      try {
        value = JSON.parse(text);
      } catch {
        value = undefined;
      }
    }
    if (typeof value === "object" && value !== null && !Array.isArray(value))
      for (const k of Object.keys(value)) columns.add(k);
    if (++seen >= limit) break;
  }
  return [...columns];
}
