import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";

/** The real `infera` binary: tests run it as a user would, each command in its own process. */
export const BIN = resolve(import.meta.dirname, "../../bin/infera.js");

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface UpProcess {
  proc: ChildProcess;
  output: () => string;
  stop: () => Promise<number | null>;
}

/** Starts `infera up` and resolves once it printed that it is up. */
export function startUp(env: Record<string, string>): Promise<UpProcess> {
  const proc = spawn(process.execPath, [BIN, "up"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  proc.stdout!.on("data", (d) => (out += d));
  proc.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((done) => proc.once("exit", (code) => done(code)));
  return new Promise((done, fail) => {
    const timer = setInterval(() => {
      if (out.includes("Stop with Ctrl+C")) {
        clearInterval(timer);
        done({
          proc,
          output: () => out,
          stop: async () => {
            proc.kill("SIGTERM");
            return exited;
          },
        });
      }
    }, 100);
    exited.then((code) => {
      clearInterval(timer);
      fail(new Error(`infera up exited with ${code} before it was up:\n${out}`));
    });
  });
}

/** A running `infera …` whose output can be watched before it ends (to interrupt it midway). */
export interface Spawned {
  proc: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  done: Promise<Run>;
}

export function spawnCli(args: string[], env: Record<string, string>, input = ""): Spawned {
  const proc = spawn(process.execPath, [BIN, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  proc.stdout!.on("data", (d) => (stdout += d));
  proc.stderr!.on("data", (d) => (stderr += d));
  proc.stdin!.end(input);
  const done = new Promise<Run>((ok) =>
    proc.once("close", (code, signal) => ok({ code: code ?? (signal ? -1 : null), stdout, stderr })),
  );
  return { proc, stdout: () => stdout, stderr: () => stderr, done };
}

/** Resolves once `test` holds (checked every 50 ms), or rejects after `ms`. */
export async function waitFor(test: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!test()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
