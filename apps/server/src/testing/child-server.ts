import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

const SERVER = join(import.meta.dirname, "server-process.ts");

export interface ChildServer {
  proc: ChildProcess;
  /** The API's URL; null for a process without the api role. */
  url: string | null;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the first match of `pattern` in its output, now or later. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
}

/**
 * A real server process (server-process.ts) on `env`'s database and folders, for tests that kill it;
 * resolves once it printed READY.
 */
export function startChildServer(
  env: Record<string, string>,
  opts: { readyTimeoutMs?: number } = {},
): Promise<ChildServer> {
  const proc = spawn(process.execPath, ["--import", "tsx", SERVER], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const waiters = new Set<() => void>();
  const seen = (d: Buffer) => {
    out += d;
    for (const w of waiters) w();
  };
  proc.stdout!.on("data", seen);
  proc.stderr!.on("data", seen);
  const waitFor = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const m = pattern.exec(out);
        if (m) done(() => resolve(m));
      };
      const exited = () => done(() => reject(new Error(`server exited before ${pattern}:\n${out}`)));
      const timer = setTimeout(
        () => done(() => reject(new Error(`no ${pattern} in ${timeoutMs} ms:\n${out}`))),
        timeoutMs,
      );
      const done = (then: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        proc.off("exit", exited);
        then();
      };
      waiters.add(check);
      proc.once("exit", exited);
      check();
    });
  return waitFor(/^READY$/m, opts.readyTimeoutMs).then(() => ({
    proc,
    url: /LISTENING (\S+)/.exec(out)?.[1] ?? null,
    output: () => out,
    waitFor,
  }));
}

/** Sends `signal` and waits until the process has exited (SIGKILL after 15 s), so no write lands after. */
export async function stopProcess(proc: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once("exit", r));
  proc.kill(signal);
  const late = setTimeout(() => proc.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(late);
}
