import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";

/**
 * Linux's /proc, read for what the local executor needs to know about processes: parent, process
 * group, state, start time (identity across pid reuse) and resident memory. Everything tolerates a
 * process vanishing between two reads.
 */

export const HAS_PROC = existsSync("/proc/self/stat");

export interface ProcStat {
  pid: number;
  ppid: number;
  pgid: number;
  /** `R`, `S`, `D`, `Z` (zombie: exited, not yet waited for), … */
  state: string;
  /** Clock ticks after boot at which the process started: with the pid, it names one process. */
  startTime: number;
}

/** Parses `/proc/<pid>/stat`; the command name may hold spaces and parentheses, so fields are counted from its last `)`. */
export function parseProcStat(pid: number, text: string): ProcStat | undefined {
  const close = text.lastIndexOf(")");
  if (close < 0) return undefined;
  const f = text.slice(close + 2).split(" ");
  // After the name: state(3) ppid(4) pgrp(5) … starttime(22), numbered as in proc(5).
  const ppid = Number(f[1]);
  const pgid = Number(f[2]);
  const startTime = Number(f[19]);
  if (!f[0] || !Number.isInteger(ppid) || !Number.isInteger(pgid) || !Number.isInteger(startTime))
    return undefined;
  return { pid, ppid, pgid, state: f[0], startTime };
}

export async function readProcStat(pid: number): Promise<ProcStat | undefined> {
  try {
    return parseProcStat(pid, await readFile(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return undefined;
  }
}

/** Every process this user can see, by pid. */
export async function listProcesses(): Promise<Map<number, ProcStat>> {
  const pids = (await readdir("/proc")).filter((n) => /^\d+$/.test(n)).map(Number);
  const stats = await Promise.all(pids.map((pid) => readProcStat(pid)));
  const out = new Map<number, ProcStat>();
  for (const s of stats) if (s) out.set(s.pid, s);
  return out;
}

/** Resident memory (`VmRSS`) in bytes; 0 for a zombie or a process that is gone. */
export async function readRssBytes(pid: number): Promise<number> {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(await readFile(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Whether a process's environment (as it was started) holds `entry` (`NAME=value`). */
export async function environHas(pid: number, entry: string): Promise<boolean> {
  try {
    return (await readFile(`/proc/${pid}/environ`, "utf8")).split("\0").includes(entry);
  } catch {
    return false;
  }
}

/** Changes at every boot: a record from another boot names no living process. */
export async function readBootId(): Promise<string | null> {
  try {
    return (await readFile("/proc/sys/kernel/random/boot_id", "utf8")).trim();
  } catch {
    return null;
  }
}

/** Clock ticks a second of `/proc/<pid>/stat`'s times: 100 on every Linux build Node runs on (USER_HZ). */
const USER_HZ = 100;

/** User + system CPU time of a process (`utime` + `stime`, fields 14 and 15 of proc(5)); undefined when it is gone. */
export function parseCpuSeconds(text: string): number | undefined {
  const close = text.lastIndexOf(")");
  if (close < 0) return undefined;
  const f = text.slice(close + 2).split(" ");
  const utime = Number(f[11]);
  const stime = Number(f[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
  return (utime + stime) / USER_HZ;
}

export async function readCpuSeconds(pid: number): Promise<number | undefined> {
  try {
    return parseCpuSeconds(await readFile(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return undefined;
  }
}
