/** Processes a bench starts and stops: each one ready when its output says so, all gone when the bench exits. */
import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import { createServer } from "node:net";

export interface Started {
  proc: ChildProcess;
  /** The match of `ready` when it was a pattern. */
  match: RegExpExecArray | null;
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const p of running) p.kill("SIGKILL");
});

/**
 * Starts `cmd` and resolves once its stdout or stderr matches `ready` (or, for a program that says
 * nothing, once `ready()` answers true, asked every 50 ms); rejects if it exits or times out first.
 */
export function spawnReady(
  cmd: string,
  args: string[],
  ready: RegExp | (() => Promise<boolean>),
  opts: SpawnOptions & { timeoutMs?: number } = {},
): Promise<Started> {
  const proc = spawn(cmd, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
  running.add(proc);
  proc.once("exit", () => running.delete(proc));
  let out = "";
  const stop = async (graceMs = 10_000) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once("exit", r));
    proc.kill("SIGTERM");
    const late = setTimeout(() => proc.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(late);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(`no ${ready} within ${opts.timeoutMs ?? 60_000} ms`),
      opts.timeoutMs ?? 60_000,
    );
    const fail = (why: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      proc.kill("SIGKILL");
      reject(new Error(`${cmd} ${args.join(" ")}: ${why}\n${out.slice(-2000)}`));
    };
    let done = false;
    const succeed = (m: RegExpExecArray | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      proc.off("exit", exited);
      resolve({ proc, match: m, output: () => out, stop });
    };
    const seen = (d: Buffer) => {
      out = (out + d).slice(-65_536);
      const m = ready instanceof RegExp ? ready.exec(out) : null;
      if (m) succeed(m);
    };
    if (!(ready instanceof RegExp))
      void (async () => {
        while (!done && proc.exitCode === null) {
          if (await ready().catch(() => false)) return succeed(null);
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
    const exited = (code: number | null) => fail(`exited (${code}) before it was ready`);
    proc.stdout!.on("data", seen);
    proc.stderr!.on("data", seen);
    proc.once("exit", exited);
    proc.once("error", (e) => fail(e.message));
  });
}

/** A loopback port nothing listens on now (for programs that take a port, not 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
