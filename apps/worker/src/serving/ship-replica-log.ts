import { open } from "node:fs/promises";
import { appendReplicaLogLines, replicaLogOffset, type ServiceContext, type ShippedLine } from "@infera/core";

/** Bytes read in one go; a busy replica's backlog is shipped in several chunks of one call. */
const CHUNK_BYTES = 256 * 1024;
/** A line longer than this is cut: it is shipped in pieces rather than held forever. */
const MAX_LINE_BYTES = 64 * 1024;

/**
 * Ships what a replica wrote to its log file since the last shipment into the database, where the
 * server reads every node's logs from (the replica's file is on this node's disk only). The offset
 * lives with the stored lines, so a worker killed mid-way resumes exactly where the last commit
 * ended. A line still being written waits for its newline, unless `final` (the process is gone: its
 * last words are shipped as they are). Returns the number of lines stored.
 */
export async function shipReplicaLog(
  ctx: ServiceContext,
  replicaId: string,
  logFile: string,
  opts: { final?: boolean; maxBytes?: number } = {},
): Promise<number> {
  let file: Awaited<ReturnType<typeof open>>;
  try {
    file = await open(logFile, "r");
  } catch {
    return 0; // Nothing written yet (or the file was cleaned up).
  }
  let stored = 0;
  try {
    let offset = await replicaLogOffset({ ctx, replicaId });
    const size = (await file.stat()).size;
    // A file shorter than what was shipped was replaced: nothing of it is ours to ship again.
    if (size < offset) return 0;
    const limit = Math.min(size, offset + (opts.maxBytes ?? 16 * 1024 * 1024));
    const buf = Buffer.alloc(CHUNK_BYTES);
    let carry = Buffer.alloc(0);
    let carryStart = offset;
    while (offset < limit) {
      const { bytesRead } = await file.read(buf, 0, Math.min(CHUNK_BYTES, limit - offset), offset);
      if (!bytesRead) break;
      offset += bytesRead;
      const data = Buffer.concat([carry, buf.subarray(0, bytesRead)]);
      const lines: ShippedLine[] = [];
      let start = 0;
      for (;;) {
        const nl = data.indexOf(10, start);
        if (nl === -1) {
          if (data.length - start < MAX_LINE_BYTES) break;
          // An overlong line: shipped in a piece, the rest follows as the next line.
          const end = start + MAX_LINE_BYTES;
          lines.push({ line: data.subarray(start, end).toString("utf8"), offsetEnd: carryStart + end });
          start = end;
          continue;
        }
        lines.push({
          line: data.subarray(start, nl).toString("utf8").replace(/\r$/, ""),
          offsetEnd: carryStart + nl + 1,
        });
        start = nl + 1;
      }
      carry = Buffer.from(data.subarray(start));
      carryStart += start;
      // Blank lines are not stored: ones at the end are read again next time and dropped again.
      stored += await appendReplicaLogLines({ ctx, replicaId, lines: lines.filter((l) => l.line.trim()) });
    }
    if (opts.final && carry.length && carry.toString("utf8").trim())
      stored += await appendReplicaLogLines({
        ctx,
        replicaId,
        lines: [{ line: carry.toString("utf8"), offsetEnd: carryStart + carry.length }],
      });
  } finally {
    await file.close();
  }
  return stored;
}
