import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { createReplicaExecutor } from "./create-replica-executor.js";
import { readProcStat } from "./read-proc.js";

const root = mkdtempSync(join(tmpdir(), "infera-replica-exec-"));
const executor = createReplicaExecutor({ dir: join(root, "records"), baseEnv: { PATH: process.env.PATH! } });
const started: number[] = [];
afterAll(() => {
  for (const pid of started)
    try {
      process.kill(-pid, "SIGKILL");
    } catch {}
});

/** A stand-in replica: writes its env to the log, then lives until killed (SIGTERM ignored when asked). */
function launch(id: string, ignoreTerm = false, gpuIndices?: number[]) {
  const script = `${ignoreTerm ? "process.on('SIGTERM', () => {});" : ""} console.log(JSON.stringify(process.env)); setInterval(() => {}, 1000);`;
  return executor.start({
    replicaId: id,
    revisionId: "rev_x",
    command: process.execPath,
    args: ["-e", script, join(root, `${id}.ready.json`)],
    readyFile: join(root, `${id}.ready.json`),
    logFile: join(root, "run", `${id}.log`),
    gpuIndices,
  });
}

/** The environment the stand-in replica printed as its first line. */
async function printedEnv(logFile: string): Promise<Record<string, string>> {
  for (let i = 0; i < 100 && !readFileSync(logFile, "utf8"); i++) await sleep(50);
  return JSON.parse(readFileSync(logFile, "utf8").split("\n")[0]!);
}

describe("the replica executor", () => {
  it("starts a detached process group recorded on disk, sees it die, and forgets it", async () => {
    const r = await launch("rep_a");
    started.push(r.pid);
    expect(r.alive).toBe(true);
    expect((await readProcStat(r.pid))?.pgid).toBe(r.pid);
    expect((await executor.list()).map((t) => [t.replicaId, t.alive])).toEqual([["rep_a", true]]);
    // Only the variables it was given: the server's own (DATABASE_URL, keys) never reach it.
    const env = await printedEnv(r.logFile);
    expect(
      Object.keys(env)
        .filter((k) => !["PATH", "_", "PWD", "SHLVL"].includes(k))
        .sort(),
    ).toEqual(["CUDA_VISIBLE_DEVICES", "INFERA_REPLICA_RECORDS"]);
    // No GPUs placed: the variable is set, empty, so the replica sees no GPU at all.
    expect(env.CUDA_VISIBLE_DEVICES).toBe("");
    process.kill(-r.pid, "SIGKILL");
    for (let i = 0; i < 100 && (await executor.list())[0]?.alive; i++) await sleep(50);
    expect((await executor.list())[0]).toMatchObject({ replicaId: "rep_a", alive: false });
    await executor.forget("rep_a");
    expect(await executor.list()).toEqual([]);
  });

  it("hands the replica the GPUs it was placed on as CUDA_VISIBLE_DEVICES, and refuses bad indices", async () => {
    const r = await launch("rep_g", false, [1, 3]);
    started.push(r.pid);
    expect((await printedEnv(r.logFile)).CUDA_VISIBLE_DEVICES).toBe("1,3");
    // What the process itself was started with, as the kernel has it.
    const environ = readFileSync(`/proc/${r.pid}/environ`, "utf8").split("\0");
    expect(environ).toContain("CUDA_VISIBLE_DEVICES=1,3");
    await executor.stop("rep_g", 1000);
    await expect(launch("rep_h", false, [-1])).rejects.toThrow(/gpuIndices/);
    expect((await executor.list()).map((t) => t.replicaId)).not.toContain("rep_h");
  });

  it("stops with SIGTERM, then SIGKILL after the grace when SIGTERM is ignored", async () => {
    const polite = await launch("rep_b");
    const stubborn = await launch("rep_c", true);
    started.push(polite.pid, stubborn.pid);
    await sleep(300);
    await executor.stop("rep_b", 5000);
    await executor.stop("rep_c", 300);
    for (const pid of [polite.pid, stubborn.pid]) {
      const stat = await readProcStat(pid);
      expect(stat === undefined || stat.state === "Z").toBe(true);
    }
    expect(await executor.list()).toEqual([]);
  });

  it("kills a marked process no record names, and keeps recorded ones", async () => {
    const kept = await launch("rep_e");
    started.push(kept.pid);
    // As if the worker died between the spawn and the record: the process carries the mark only.
    const stray = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], {
      detached: true,
      stdio: "ignore",
      env: { PATH: process.env.PATH!, INFERA_REPLICA_RECORDS: join(root, "records") },
    });
    started.push(stray.pid!);
    const unmarked = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], {
      detached: true,
      stdio: "ignore",
      env: { PATH: process.env.PATH! },
    });
    started.push(unmarked.pid!);
    for (let i = 0; i < 100 && !(await readProcStat(stray.pid!)); i++) await sleep(20);
    expect(await executor.sweepStrays()).toEqual([stray.pid]);
    expect((await executor.list()).find((t) => t.replicaId === "rep_e")?.alive).toBe(true);
    expect((await readProcStat(unmarked.pid!))?.state).not.toBe("Z");
    await executor.stop("rep_e", 1000);
  });

  it("does not take a later process with the same pid for the recorded one", async () => {
    const r = await launch("rep_d");
    started.push(r.pid);
    const path = join(root, "records", "rep_d.json");
    const record = JSON.parse(readFileSync(path, "utf8"));
    writeFileSync(path, JSON.stringify({ ...record, startTime: record.startTime - 1 }));
    expect((await executor.list()).find((t) => t.replicaId === "rep_d")?.alive).toBe(false);
    writeFileSync(path, JSON.stringify(record));
    await executor.stop("rep_d", 1000);
  });
});
