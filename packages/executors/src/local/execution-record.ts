import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * `workspaceDir/.executor/pid.json`: written when a process starts, removed when it has exited. A
 * record still there means a server died while the process ran; `reap` reads it to find what is left.
 */
export interface ExecutionRecord {
  runId: string;
  pid: number;
  pgid: number;
  /** When the executor started it (ISO 8601), for people reading the file. */
  startedAt: string;
  /** `/proc/<pid>/stat` start time (clock ticks after boot); null where there is no /proc. */
  startTime: number | null;
  /** `/proc/sys/kernel/random/boot_id` at start; another boot means nothing of the run survives. */
  bootId: string | null;
  /** Random; in every process's environment as `INFERA_EXECUTION_TOKEN`, to find descendants after the leader died. */
  token: string;
}

export const RECORD_DIR = ".executor";

export function recordPath(workspaceDir: string): string {
  return join(workspaceDir, RECORD_DIR, "pid.json");
}

/** Written to a temporary file and renamed, so a reader finds the whole record or none. */
export async function writeRecord(workspaceDir: string, record: ExecutionRecord): Promise<void> {
  const path = recordPath(workspaceDir);
  await writeFile(`${path}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  await rename(`${path}.tmp`, path);
}

/** The record, undefined when there is none; a file that is not a record answers "invalid". */
export async function readRecord(workspaceDir: string): Promise<ExecutionRecord | "invalid" | undefined> {
  let text: string;
  try {
    text = await readFile(recordPath(workspaceDir), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    const r = JSON.parse(text) as Partial<ExecutionRecord>;
    const ok =
      Number.isInteger(r.pid) &&
      (r.pid ?? 0) > 1 &&
      Number.isInteger(r.pgid) &&
      (r.pgid ?? 0) > 1 &&
      (r.startTime === null || Number.isInteger(r.startTime)) &&
      typeof r.token === "string" &&
      r.token.length >= 16;
    return ok ? (r as ExecutionRecord) : "invalid";
  } catch {
    return "invalid";
  }
}

export async function removeRecord(workspaceDir: string): Promise<void> {
  await rm(recordPath(workspaceDir), { force: true });
}
