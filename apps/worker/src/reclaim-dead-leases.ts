import { hostname } from "node:os";
import type { JobQueue, Logger } from "@infera/core";

/** True while a process with this pid exists (EPERM: it exists, owned by someone else). */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * At a worker's start: the leases held by workers of this machine whose process is gone (a server
 * killed with -9 and started again) are ended now, so their items — a training job among them —
 * are taken over at once instead of a lease time later. Worker ids are `<host>:<pid>:<random>`
 * (worker-id.ts). A pid that exists is left alone even if another program reuses it: its lease then
 * simply runs out. Workers on other machines are never touched: their processes cannot be seen.
 */
export async function reclaimDeadLeases(queue: JobQueue, self: string, log: Logger): Promise<number> {
  const host = hostname();
  const dead = (await queue.leaseOwners(`${host}:`)).filter((owner) => {
    if (owner === self) return false;
    const pid = Number(owner.slice(host.length + 1).split(":")[0]);
    return Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && !processExists(pid);
  });
  const n = await queue.expireLeases(dead);
  if (n) log.warn({ owners: dead, items: n }, "took over the leases of this machine's dead workers");
  return n;
}
