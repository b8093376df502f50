import { environHas, type ProcStat, readProcStat } from "./read-proc.js";

/**
 * The processes of one execution: its process group, plus descendants of the root that left the
 * group (setsid), found through their parent links. Zombies are left out: they hold no memory and
 * cannot be killed again.
 */
export function collectTree(procs: Map<number, ProcStat>, rootPid: number, pgid: number): ProcStat[] {
  const members = new Map<number, ProcStat>();
  const root = procs.get(rootPid);
  if (root) members.set(root.pid, root);
  for (const p of procs.values()) if (p.pgid === pgid) members.set(p.pid, p);
  const children = new Map<number, ProcStat[]>();
  for (const p of procs.values()) {
    const list = children.get(p.ppid);
    if (list) list.push(p);
    else children.set(p.ppid, [p]);
  }
  const queue = [...members.keys()];
  for (let pid = queue.pop(); pid !== undefined; pid = queue.pop()) {
    for (const child of children.get(pid) ?? []) {
      if (members.has(child.pid)) continue;
      members.set(child.pid, child);
      queue.push(child.pid);
    }
  }
  return [...members.values()].filter((p) => p.state !== "Z");
}

/** Signals the process only if it is still the one seen (same start time), so a reused pid is spared. */
export async function signalIfSame(seen: ProcStat, signal: NodeJS.Signals): Promise<boolean> {
  const now = await readProcStat(seen.pid);
  if (!now || now.startTime !== seen.startTime || now.state === "Z") return false;
  try {
    process.kill(seen.pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Signals a whole process group; false when it no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Whether any of `seen` is still alive (not exited, not a zombie, and not replaced by a new process). */
export async function anyAlive(seen: ProcStat[]): Promise<boolean> {
  for (const p of seen) {
    const now = await readProcStat(p.pid);
    if (now && now.startTime === p.startTime && now.state !== "Z") return true;
  }
  return false;
}

/**
 * The living processes started with `INFERA_EXECUTION_TOKEN=<token>` in their environment: a run's
 * processes however they left its tree (a new session, a parent that exited).
 */
export async function withToken(procs: Map<number, ProcStat>, token: string): Promise<ProcStat[]> {
  const entry = `INFERA_EXECUTION_TOKEN=${token}`;
  const out: ProcStat[] = [];
  for (const p of procs.values()) {
    if (p.state === "Z" || p.pid === process.pid) continue;
    if (await environHas(p.pid, entry)) out.push(p);
  }
  return out;
}
