import { type ScanOptions, scanDataset } from "./scan-dataset.js";
import type { DatasetSources, ValidRow } from "./types.js";

/** The first `limit` valid rows; stops reading the files as soon as it has them. */
export async function previewRows(
  sources: DatasetSources,
  limit: number,
  opts: ScanOptions = {},
): Promise<ValidRow[]> {
  const rows: ValidRow[] = [];
  if (limit <= 0) return rows;
  for await (const event of scanDataset(sources, opts)) {
    if (event.kind !== "valid") continue;
    rows.push(event.row);
    if (rows.length >= limit) break;
  }
  return rows;
}
