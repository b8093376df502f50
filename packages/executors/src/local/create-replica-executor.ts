import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { ReplicaExecutor, ReplicaLaunch, TrackedReplica } from "@infera/core";
import { inheritedEnv } from "./inherited-env.js";
import { environHas, HAS_PROC, listProcesses, readProcStat } from "./read-proc.js";

interface ReplicaRecord extends Omit<TrackedReplica, "alive"> {
  /** The process's start time in clock ticks (/proc): with the pid, it names this process and no later one. */
  startTime: number;
}

/** Whether the recorded process still runs: same pid, same start time, not a zombie. */
async function isAlive(record: ReplicaRecord): Promise<boolean> {
  const stat = await readProcStat(record.pid);
  return !!stat && stat.state !== "Z" && stat.startTime === record.startTime;
}

/** Set in every replica's environment to the records folder: which processes are this executor's. */
const MARK = "INFERA_REPLICA_RECORDS";

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

/**
 * Replicas as detached processes of this machine, each leading its own process group, output to a
 * log file rather than a pipe (a pipe would break when the worker dies, and the replica with it).
 * One JSON record a replica in `dir`, written whole (renamed into place) once the pid is known.
 */
export function createReplicaExecutor({
  dir,
  baseEnv = inheritedEnv(),
}: {
  dir: string;
  baseEnv?: Record<string, string>;
}): ReplicaExecutor {
  const recordPath = (id: string) => join(dir, `${id}.json`);
  const read = async (id: string): Promise<ReplicaRecord | null> => {
    try {
      return JSON.parse(await readFile(recordPath(id), "utf8")) as ReplicaRecord;
    } catch {
      return null;
    }
  };
  const forget = (id: string) => rm(recordPath(id), { force: true });
  const list = async (): Promise<TrackedReplica[]> => {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return [];
    }
    const out: TrackedReplica[] = [];
    for (const name of names) {
      if (!name.endsWith(".json")) continue;
      const record = await read(name.slice(0, -".json".length));
      if (!record) continue;
      const { startTime: _, ...rest } = record;
      out.push({ ...rest, alive: await isAlive(record) });
    }
    return out;
  };
  return {
    async start(launch: ReplicaLaunch): Promise<TrackedReplica> {
      for (const i of launch.gpuIndices ?? [])
        if (!Number.isInteger(i) || i < 0)
          throw new TypeError(`gpuIndices must be non-negative integers: ${i}`);
      await mkdir(dir, { recursive: true });
      await mkdir(dirname(launch.logFile), { recursive: true });
      await rm(launch.readyFile, { force: true });
      const out = openSync(launch.logFile, "a");
      let child: ReturnType<typeof spawn>;
      try {
        // The server's own variables (DATABASE_URL, keys) never reach a replica, as for training runs.
        child = spawn(launch.command, [...launch.args], {
          detached: true,
          stdio: ["ignore", out, out],
          // The mark finds a replica whose record was never written (the worker died in between).
          // Only the GPUs placement gave it (none: empty, so a CPU replica sees no GPU), as for training runs.
          env: { ...baseEnv, CUDA_VISIBLE_DEVICES: (launch.gpuIndices ?? []).join(","), [MARK]: dir },
        });
      } finally {
        closeSync(out);
      }
      const pid = child.pid;
      if (pid === undefined)
        await new Promise<never>((_, reject) => child.once("error", (err) => reject(err)));
      child.unref();
      const stat = await readProcStat(pid!);
      const record: ReplicaRecord = {
        replicaId: launch.replicaId,
        revisionId: launch.revisionId,
        pid: pid!,
        readyFile: launch.readyFile,
        logFile: launch.logFile,
        startedAt: new Date().toISOString(),
        startTime: stat?.startTime ?? -1,
      };
      const path = recordPath(launch.replicaId);
      await writeFile(`${path}.part`, JSON.stringify(record));
      await rename(`${path}.part`, path);
      return { ...record, alive: await isAlive(record) };
    },
    list,
    async stop(replicaId: string, graceMs: number): Promise<void> {
      const record = await read(replicaId);
      if (!record) return;
      if (await isAlive(record)) {
        signalGroup(record.pid, "SIGTERM");
        const deadline = Date.now() + graceMs;
        while ((await isAlive(record)) && Date.now() < deadline) await sleep(50);
        // Whatever is left of the group (children of the replica too) goes at once.
        signalGroup(record.pid, "SIGKILL");
        while (await isAlive(record)) await sleep(20);
      }
      await forget(replicaId);
    },
    forget,
    async sweepStrays(): Promise<number[]> {
      if (!HAS_PROC) return [];
      const recorded = new Set<number>();
      for (const t of await list()) if (t.alive) recorded.add(t.pid);
      const killed: number[] = [];
      for (const p of (await listProcesses()).values()) {
        if (p.pgid !== p.pid || p.state === "Z" || recorded.has(p.pid)) continue;
        if (!(await environHas(p.pid, `${MARK}=${dir}`))) continue;
        signalGroup(p.pid, "SIGKILL");
        killed.push(p.pid);
      }
      return killed;
    },
  };
}
