import { readdir } from "node:fs/promises";

/**
 * Journal segment names: `<opened at, ms, 13 digits>-<pid>-<seq>.open` while a process appends to
 * it, renamed to `….sealed` when it is full, old enough, or its process stops. Sorting by name is
 * the order they were opened in. The pid says whose an open segment is: one whose process is gone
 * was cut off by a crash and is shipped like a sealed one (its last line may be torn).
 */
const SEGMENT = /^(\d{13})-(\d+)-(\d+)\.(open|sealed)$/;

export interface SegmentFile {
  name: string;
  pid: number;
  sealed: boolean;
}

export function segmentName(openedAtMs: number, pid: number, seq: number): string {
  return `${String(openedAtMs).padStart(13, "0")}-${pid}-${seq}.open`;
}

export function sealedName(openName: string): string {
  return openName.replace(/\.open$/, ".sealed");
}

/** The segments in `dir`, oldest first; other files are left alone. */
export async function listSegments(dir: string): Promise<SegmentFile[]> {
  const names = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return [] as string[];
    throw err;
  });
  const out: SegmentFile[] = [];
  for (const name of names.sort()) {
    const m = SEGMENT.exec(name);
    if (m) out.push({ name, pid: Number(m[2]), sealed: m[4] === "sealed" });
  }
  return out;
}

/**
 * Whether process `pid` still runs (signal 0 checks without signalling). A pid reused by an unrelated
 * process after a crash keeps that process's segment waiting until the meter's own process ends or the
 * pid is gone; it is never shipped while it may still grow.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
