import { unlink } from "node:fs/promises";
import { join } from "node:path";
import type { UsageRecord } from "@infera/contracts";
import { readUsageSegment } from "./read-usage-segment.js";
import { listSegments, processAlive } from "./segment-files.js";

/** Stores a batch in the database (core's `storeUsageRecords`): records by id, rollups from what it inserted. */
export type StoreUsage = (batch: readonly UsageRecord[]) => Promise<{ inserted: number; duplicates: number }>;

export interface ShipReport {
  segments: number;
  records: number;
  inserted: number;
  duplicates: number;
  torn: number;
  invalid: number;
}

interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * Ships the segments of `dir` that no running journal appends to: sealed ones, and open ones whose
 * process is gone (cut off by a crash; this process's own open segment is never taken).
 * Oldest first, each in batches through `store`, then deleted. A crash before the delete ships the
 * segment again on the next pass, which inserts nothing twice (ids) and adds nothing twice to the
 * rollups (only inserted records are summed).
 */
export async function shipUsageSegments({
  dir,
  store,
  batchSize,
  ownOpen,
  log,
}: {
  dir: string;
  store: StoreUsage;
  batchSize: number;
  /** This process's open segment now (it changes as the journal rotates). */
  ownOpen: () => string | null;
  log: Log;
}): Promise<ShipReport> {
  const report: ShipReport = { segments: 0, records: 0, inserted: 0, duplicates: 0, torn: 0, invalid: 0 };
  for (const seg of await listSegments(dir)) {
    if (!seg.sealed && (seg.name === ownOpen() || (seg.pid !== process.pid && processAlive(seg.pid))))
      continue;
    const path = join(dir, seg.name);
    const got = await readUsageSegment(path).catch((err: NodeJS.ErrnoException) => {
      // Sealed (renamed) or shipped by another pass since the listing: the next pass sees it as it is now.
      if (err.code === "ENOENT") return null;
      throw err;
    });
    if (!got) continue;
    if (got.torn || got.invalid)
      log.warn(
        { segment: seg.name, torn: got.torn, invalid: got.invalid, line: got.firstBad },
        "usage journal: unreadable lines skipped",
      );
    for (let i = 0; i < got.records.length; i += batchSize) {
      const r = await store(got.records.slice(i, i + batchSize));
      report.inserted += r.inserted;
      report.duplicates += r.duplicates;
    }
    await unlink(path).catch((err: NodeJS.ErrnoException) => {
      // Another process on the same folder shipped it meanwhile: its records are stored once anyway.
      if (err.code !== "ENOENT") throw err;
    });
    report.segments += 1;
    report.records += got.records.length;
    report.torn += got.torn;
    report.invalid += got.invalid;
    if (!seg.sealed)
      log.info({ segment: seg.name, records: got.records.length }, "usage journal: crashed segment replayed");
  }
  return report;
}
