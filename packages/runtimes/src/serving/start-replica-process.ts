import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { ReplicaSpec } from "@infera/core";
import { llamaCppRuntime } from "./serving-runtimes.js";

export interface ReplicaProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  /** Milliseconds from spawn to the replica's `ready` line. */
  startMs: number;
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  exited: Promise<number | string>;
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

export class ReplicaStartError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | string,
    readonly stderr: string,
  ) {
    super(message);
  }
}

/**
 * Starts one `infera-serve` replica as a child process and waits for its `ready` line on stdout. A
 * replica that exits first rejects with its stderr (the one-line JSON error). For tests and
 * benchmarks; the replica manager tracks its own processes.
 */
export function startReplicaProcess(
  spec: Omit<ReplicaSpec, "port"> & { port?: number },
  opts: { onLog?: (line: string) => void } = {},
): Promise<ReplicaProcess> {
  const started = performance.now();
  const child = spawn(llamaCppRuntime.command, llamaCppRuntime.args({ port: 0, ...spec }), {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return new Promise<ReplicaProcess>((resolve, reject) => {
    let port = 0;
    createInterface({ input: child.stdout! }).on("line", (line) => {
      opts.onLog?.(line);
      let event: { msg?: string; port?: number };
      try {
        event = JSON.parse(line);
      } catch {
        return;
      }
      if (event.msg === "listening") port = event.port ?? 0;
      if (event.msg === "ready")
        resolve({
          child,
          port,
          baseUrl: `http://127.0.0.1:${port}`,
          startMs: performance.now() - started,
          exited,
          stop: (signal = "SIGTERM") => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
    });
    exited.then((code) =>
      reject(
        new ReplicaStartError(`replica exited (${code}) before it was ready: ${stderr.trim()}`, code, stderr),
      ),
    );
  });
}
