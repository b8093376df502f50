import { LineScanner, type ScanEvent, type ScanOptions } from "./line-scanner.js";
import { readRecords } from "./read-records.js";
import type { DatasetSources } from "./types.js";

export type { ScanEvent, ScanOptions } from "./line-scanner.js";

/**
 * The validation pass: every record of the files, in order, as a blank line, a valid row or an
 * error. Holds one record at a time (a Parquet row group); every consumer (report, keep-valid-only, split, preview) is built on it.
 */
export async function* scanDataset(
  sources: DatasetSources,
  opts: ScanOptions = {},
): AsyncGenerator<ScanEvent> {
  const scanner = new LineScanner(opts);
  for await (const raw of readRecords(sources, opts)) yield scanner.scan(raw);
}
