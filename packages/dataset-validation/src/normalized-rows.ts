import { type ScanOptions, scanDataset } from "./scan-dataset.js";
import type { DatasetRecord, DatasetSources } from "./types.js";

/**
 * A record in the internal form as a JSON object, as the trainer reads it: `{messages, tools?}`,
 * `{prompt, completion}`, `{text}` or `{prompt?, chosen, rejected}`.
 */
export function normalizedRecord(record: DatasetRecord): Record<string, unknown> {
  switch (record.format) {
    case "chat":
      return { messages: record.messages, ...(record.tools ? { tools: record.tools } : {}) };
    case "prompt_completion":
      return { prompt: record.prompt, completion: record.completion };
    case "text":
      return { text: record.text };
    case "preference":
      return {
        ...(record.prompt !== undefined ? { prompt: record.prompt } : {}),
        chosen: record.chosen,
        rejected: record.rejected,
      };
  }
}

/** The valid records in the internal form, as JSONL bytes (the normalized download of a version). */
export async function* normalizedRows(
  sources: DatasetSources,
  opts: ScanOptions = {},
): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  for await (const event of scanDataset(sources, opts))
    if (event.kind === "valid")
      yield encoder.encode(`${JSON.stringify(normalizedRecord(event.row.record))}\n`);
}
