import { closeSync, mkdirSync, openSync, renameSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { UsageRecord } from "@infera/contracts";
import { sealedName, segmentName } from "./segment-files.js";

export interface UsageJournalOptions {
  dir: string;
  /** A segment is sealed once it holds this many bytes. */
  maxSegmentBytes: number;
  /** …or once it was opened this long ago (checked at each record and by `sealIfOlderThan`). */
  maxSegmentAgeMs: number;
  /** Told the name of each segment `record` sealed (full or old): the meter starts shipping. */
  onSealed?: (name: string) => void;
}

export interface UsageJournal {
  /**
   * Appends one record as one JSON line with one `write(2)` on an `O_APPEND` descriptor. When it
   * returns, the kernel has the line: a process killed with -9 afterwards loses nothing (a machine
   * crash can lose what the page cache had not written back). Throws when the disk refuses (full,
   * read-only): the caller decides what a call whose usage cannot be kept answers.
   */
  record(usage: UsageRecord): void;
  /** Seals the open segment when it is older than `ageMs` (0: whenever one is open); its new name, or null. The caller ships it. */
  sealIfOlderThan(ageMs: number): string | null;
  /** The segment this journal appends to, if one is open: the shipper leaves it alone. */
  openSegment(): string | null;
  /** Seals the open segment (the caller ships it); later records throw. */
  close(): string | null;
}

/**
 * The meter's journal: append-only segment files in `dir`. Writing is synchronous on purpose: a
 * small append to the page cache takes microseconds, less than a hop through libuv's thread pool,
 * and a synchronous append can neither interleave with another nor be pending when a segment is
 * closed for sealing.
 */
export function openUsageJournal(opts: UsageJournalOptions): UsageJournal {
  mkdirSync(opts.dir, { recursive: true });
  let fd: number | null = null;
  let name: string | null = null;
  let openedAt = 0;
  let bytes = 0;
  let seq = 0;
  let closed = false;

  const seal = (notify: boolean): string | null => {
    if (fd === null || name === null) return null;
    closeSync(fd);
    const sealed = sealedName(name);
    renameSync(join(opts.dir, name), join(opts.dir, sealed));
    fd = null;
    name = null;
    if (notify) opts.onSealed?.(sealed);
    return sealed;
  };

  const open = () => {
    openedAt = Date.now();
    seq += 1;
    name = segmentName(openedAt, process.pid, seq);
    // O_EXCL: a name is never reused, even by a process that got this pid after a crash.
    fd = openSync(join(opts.dir, name), "ax");
    bytes = 0;
  };

  return {
    record(usage) {
      if (closed) throw new Error("usage journal closed");
      if (fd !== null && Date.now() - openedAt >= opts.maxSegmentAgeMs) seal(true);
      if (fd === null) open();
      const line = Buffer.from(`${JSON.stringify(usage)}\n`);
      // A regular file takes the whole buffer in one write; the loop covers a short write (disk
      // filling up), which would otherwise leave the rest of the line unwritten.
      let off = 0;
      try {
        while (off < line.length) off += writeSync(fd as number, line, off, line.length - off);
      } catch (err) {
        // Part of the line is on disk: end the segment here, so the fragment is its torn last line
        // (skipped by the shipper) instead of gluing itself to the next record.
        if (off > 0) {
          try {
            seal(true);
          } catch {}
        }
        throw err;
      }
      bytes += line.length;
      if (bytes >= opts.maxSegmentBytes) seal(true);
    },
    sealIfOlderThan(ageMs) {
      return fd !== null && Date.now() - openedAt >= ageMs ? seal(false) : null;
    },
    openSegment: () => name,
    close() {
      closed = true;
      return seal(false);
    },
  };
}
