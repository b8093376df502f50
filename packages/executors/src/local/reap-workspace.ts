import type { Logger } from "@infera/core";
import { readRecord, removeRecord } from "./execution-record.js";
import { anyAlive, collectTree, signalGroup, signalIfSame, withToken } from "./process-tree.js";
import { HAS_PROC, listProcesses, type ProcStat, readBootId } from "./read-proc.js";

const GONE_WITHIN_MS = 10_000;

/**
 * Kills what an execution recorded in `workspaceDir` left running and removes its record. The group
 * is killed only when its leader still exists with the recorded start time (a recycled pid never
 * matches); after the leader died, its processes are still found by the token in their environment.
 * Resolves once they are gone, so a new attempt never writes beside the old one.
 */
export async function reapWorkspace(workspaceDir: string, log?: Logger): Promise<{ killed: number }> {
  const record = await readRecord(workspaceDir);
  if (record === undefined) return { killed: 0 };
  if (record === "invalid") {
    log?.warn({ workspaceDir }, "unreadable execution record removed");
    await removeRecord(workspaceDir);
    return { killed: 0 };
  }
  let targets: ProcStat[] = [];
  const bootId = await readBootId();
  const sameBoot = record.bootId === null || bootId === null || record.bootId === bootId;
  if (HAS_PROC && sameBoot) {
    const procs = await listProcesses();
    const leader = procs.get(record.pid);
    const leaderMatches =
      leader !== undefined && leader.state !== "Z" && leader.startTime === record.startTime;
    const found = new Map<number, ProcStat>();
    if (leaderMatches) for (const p of collectTree(procs, record.pid, record.pgid)) found.set(p.pid, p);
    for (const p of await withToken(procs, record.token)) found.set(p.pid, p);
    targets = [...found.values()];
    if (leaderMatches) signalGroup(record.pgid, "SIGKILL");
    for (const p of targets) await signalIfSame(p, "SIGKILL");
    const deadline = Date.now() + GONE_WITHIN_MS;
    while (await anyAlive(targets)) {
      if (Date.now() > deadline)
        throw new Error(`processes of run ${record.runId} in ${workspaceDir} survived SIGKILL for 10 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  if (targets.length > 0)
    log?.warn(
      { workspaceDir, runId: record.runId, pid: record.pid, killed: targets.length },
      "killed processes an earlier server left running",
    );
  await removeRecord(workspaceDir);
  return { killed: targets.length };
}
