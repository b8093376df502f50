import { readFile } from "node:fs/promises";
import { UsageRecord } from "@infera/contracts";

export interface SegmentContents {
  records: UsageRecord[];
  /** A last line without its newline: the process or machine stopped in the middle of writing it. */
  torn: number;
  /** Complete lines that are not a valid record (never written by the meter; a damaged disk). */
  invalid: number;
  /** The first bad line, shortened, for the log. */
  firstBad: string | null;
}

/**
 * Reads one journal segment whole (segments are small: `maxSegmentBytes`). Every complete line is a
 * record; a last line without its newline is torn — a line is only complete once its write returned,
 * and such a record's call had not been acknowledged — and is skipped and counted, not an error, so a
 * crash never blocks the segments after it.
 */
export async function readUsageSegment(path: string): Promise<SegmentContents> {
  const text = await readFile(path, "utf8");
  const lines = text.split("\n");
  // After the last newline: "" for a whole file, the torn fragment otherwise.
  const tail = lines.pop() ?? "";
  const out: SegmentContents = {
    records: [],
    torn: tail ? 1 : 0,
    invalid: 0,
    firstBad: tail ? tail.slice(0, 200) : null,
  };
  for (const line of lines) {
    if (!line) continue;
    const parsed = parseLine(line);
    if (parsed) out.records.push(parsed);
    else {
      out.invalid += 1;
      out.firstBad ??= line.slice(0, 200);
    }
  }
  return out;
}

function parseLine(line: string): UsageRecord | null {
  try {
    const r = UsageRecord.safeParse(JSON.parse(line));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
