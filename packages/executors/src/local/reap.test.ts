import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { createLocalExecutor } from "./create-local-executor.js";
import { recordPath } from "./execution-record.js";
import { readProcStat } from "./read-proc.js";

const ABANDON = join(import.meta.dirname, "testing", "abandon-run.ts");
const root = mkdtempSync(join(tmpdir(), "infera-reap-"));
const executor = createLocalExecutor();

const alive = async (pid: number) => {
  const s = await readProcStat(pid);
  return s !== undefined && s.state !== "Z";
};

/** Starts a run from a stand-in server, then kills that server with -9; the run is left behind. */
async function abandonRun(workspaceDir: string, mode: "stay" | "leave-worker") {
  const server = spawn(process.execPath, ["--import", "tsx", ABANDON, workspaceDir, mode], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: server.stdout });
  let pids: { run: number; worker: number } | undefined;
  for await (const line of lines) {
    const m = /^run (\d+) worker (\d+)$/.exec(line);
    if (m) {
      pids = { run: Number(m[1]), worker: Number(m[2]) };
      break;
    }
  }
  if (!pids) throw new Error("the stand-in server printed no pids");
  const gone = new Promise((r) => server.once("exit", r));
  server.kill("SIGKILL");
  await gone;
  return pids;
}

describe("reap", () => {
  it("kills the process group a server killed with -9 left running, removes the record, and the workspace can run again", async () => {
    const dir = join(root, "stay");
    const { run, worker } = await abandonRun(dir, "stay");
    expect(await alive(run)).toBe(true);
    expect(await alive(worker)).toBe(true);
    expect(existsSync(recordPath(dir))).toBe(true);
    await expect(
      executor.start({ runId: "next", workspaceDir: dir, command: "true", args: [] }),
    ).rejects.toThrow(/call reap/);

    expect(await executor.reap(dir)).toEqual({ killed: 2 });
    expect(await alive(run)).toBe(false);
    expect(await alive(worker)).toBe(false);
    expect(existsSync(recordPath(dir))).toBe(false);
    expect(await executor.reap(dir)).toEqual({ killed: 0 });
    const next = await executor.start({ runId: "next", workspaceDir: dir, command: "true", args: [] });
    expect((await next.exited).code).toBe(0);
  });

  it("after the leader exited by itself, still finds and kills the worker it left (by the token in its environment)", async () => {
    const dir = join(root, "leave-worker");
    const { run, worker } = await abandonRun(dir, "leave-worker");
    for (let i = 0; i < 100 && (await alive(run)); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await alive(run)).toBe(false); // it noticed its stdin close
    expect(await alive(worker)).toBe(true);
    expect(await executor.reap(dir)).toEqual({ killed: 1 });
    expect(await alive(worker)).toBe(false);
  });

  it("never kills a process whose pid matches but whose start time differs (a recycled pid)", async () => {
    const bystander = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], {
      detached: true,
      stdio: "ignore",
    });
    try {
      const stat = await readProcStat(bystander.pid!);
      const dir = join(root, "recycled");
      mkdirSync(join(dir, ".executor"), { recursive: true });
      writeFileSync(
        recordPath(dir),
        JSON.stringify({
          runId: "old",
          pid: bystander.pid,
          pgid: bystander.pid,
          startedAt: new Date().toISOString(),
          startTime: stat!.startTime - 1,
          bootId: null,
          token: "0123456789abcdef0123456789abcdef",
        }),
      );
      expect(await executor.reap(dir)).toEqual({ killed: 0 });
      expect(await alive(bystander.pid!)).toBe(true);
      expect(existsSync(recordPath(dir))).toBe(false);
    } finally {
      bystander.kill("SIGKILL");
    }
  });

  it("refuses to reap a workspace where a run of this executor is executing, and removes an unreadable record", async () => {
    const dir = join(root, "live");
    const run = await executor.start({
      runId: "live",
      workspaceDir: dir,
      command: process.execPath,
      args: ["-e", "setInterval(() => {}, 1000)"],
    });
    await expect(executor.reap(dir)).rejects.toThrow(/cancel it instead/);
    await run.cancel(1000);

    const garbled = join(root, "garbled");
    mkdirSync(join(garbled, ".executor"), { recursive: true });
    writeFileSync(recordPath(garbled), "{not json");
    expect(await executor.reap(garbled)).toEqual({ killed: 0 });
    expect(existsSync(recordPath(garbled))).toBe(false);
  });
});
