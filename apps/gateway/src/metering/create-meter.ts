import type { UsageRecord } from "@infera/contracts";
import { type ShipReport, type StoreUsage, shipUsageSegments } from "./ship-usage-segments.js";
import { openUsageJournal } from "./usage-journal.js";

export interface MeterOptions {
  /** The journal's folder (INFERA_USAGE_JOURNAL_DIR): local disk, one per gateway process or shared by several. */
  dir: string;
  store: StoreUsage;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  /** Seal a segment at this size (default 4 MiB, about 10,000 records). */
  maxSegmentBytes?: number;
  /** Seal a segment this old, so records reach the database within about this long (default 5 s). */
  maxSegmentAgeMs?: number;
  /** Records per database transaction (default 1,000). */
  batchSize?: number;
}

export interface Meter {
  /** Journals one call's usage before its response ends (see `UsageJournal.record`). */
  record(usage: UsageRecord): void;
  /**
   * One shipping pass: seals the open segment when it is older than the age limit, then ships every
   * segment no live journal appends to. Passes of a process run one at a time; a call during a pass
   * gets the next one, which then sees whatever was sealed meanwhile.
   */
  ship(): Promise<ShipReport>;
  /** Graceful stop: seals the open segment and ships everything (later `record` calls throw). */
  close(): Promise<ShipReport>;
}

/**
 * The gateway's meter: a local append-only journal on the hot path, a shipper off it. A segment
 * sealed by size starts a pass at once; one sealed by age is sealed by the next record or by the
 * `usage.ship` job; the process's start replays what a crash left (`ship()`), and its stop flushes
 * (`close()`). Decision 0030.
 */
export function createMeter(opts: MeterOptions): Meter {
  const maxSegmentAgeMs = opts.maxSegmentAgeMs ?? 5000;
  let current: Promise<ShipReport> | null = null;
  let queued: Promise<ShipReport> | null = null;

  const pass = async (): Promise<ShipReport> => {
    journal.sealIfOlderThan(maxSegmentAgeMs);
    return shipUsageSegments({
      dir: opts.dir,
      store: opts.store,
      batchSize: opts.batchSize ?? 1000,
      ownOpen: journal.openSegment,
      log: opts.log,
    });
  };
  const run = () => {
    current = pass().finally(() => {
      current = null;
    });
    return current;
  };
  const ship = (): Promise<ShipReport> => {
    if (queued) return queued;
    if (!current) return run();
    queued = current
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return run();
      });
    return queued;
  };

  const journal = openUsageJournal({
    dir: opts.dir,
    maxSegmentBytes: opts.maxSegmentBytes ?? 4 * 1024 * 1024,
    maxSegmentAgeMs,
    // A full segment goes to the database now; a failure (database away) waits for the next pass.
    onSealed: () =>
      void ship().catch((err: Error) =>
        opts.log.warn({ err: err.message }, "usage shipping failed; retried later"),
      ),
  });

  return {
    record: (usage) => journal.record(usage),
    ship,
    async close() {
      journal.close();
      return ship();
    },
  };
}
