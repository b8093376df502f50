import { type ScanOptions, scanDataset } from "./scan-dataset.js";
import type { DatasetSources } from "./types.js";

/**
 * Keep-valid-only: the valid rows as JSONL bytes (one row a line, as uploaded, blank lines dropped)
 * and, once iterated to the end, how many rows were kept and dropped. The caller records the choice.
 */
export class KeepValidRows implements AsyncIterable<Uint8Array> {
  kept = 0;
  dropped = 0;
  blank = 0;
  done = false;

  constructor(
    private readonly sources: DatasetSources,
    private readonly opts: ScanOptions = {},
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    const encoder = new TextEncoder();
    this.kept = this.dropped = this.blank = 0;
    for await (const event of scanDataset(this.sources, this.opts)) {
      if (event.kind === "valid") {
        this.kept++;
        yield encoder.encode(`${event.row.json.trim()}\n`);
      } else if (event.kind === "error") this.dropped++;
      else this.blank++;
    }
    this.done = true;
  }
}

export const keepValidRows = (sources: DatasetSources, opts: ScanOptions = {}) =>
  new KeepValidRows(sources, opts);
