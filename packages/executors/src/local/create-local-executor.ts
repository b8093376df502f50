import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import type { Execution, ExecutionExit, ExecutionRequest, Executor, Logger, OutputLine } from "@infera/core";
import {
  type ExecutionRecord,
  RECORD_DIR,
  readRecord,
  removeRecord,
  writeRecord,
} from "./execution-record.js";
import { inheritedEnv } from "./inherited-env.js";
import { OutputQueue } from "./output-queue.js";
import { anyAlive, collectTree, signalGroup, signalIfSame, withToken } from "./process-tree.js";
import {
  HAS_PROC,
  listProcesses,
  type ProcStat,
  readBootId,
  readProcStat,
  readRssBytes,
} from "./read-proc.js";
import { reapWorkspace } from "./reap-workspace.js";
import { LineSplitter } from "./split-lines.js";

const LEFTOVERS_GONE_WITHIN_MS = 10_000;
const STUCK_PIPES_AFTER_MS = 3_000;

export interface LocalExecutorOptions {
  log?: Logger;
  /** The variables every process starts with, before the request's own; default `inheritedEnv()`. */
  baseEnv?: Record<string, string>;
  /** How often the resident memory of a process tree is read, in ms (default 500). */
  memoryPollMs?: number;
  /** The longest line handed over in one piece, in characters (default 256 Ki). */
  maxLineLength?: number;
  /** Unread lines after which the pipes are paused until the reader catches up (default 1000). */
  maxBufferedLines?: number;
}

function validate(req: ExecutionRequest): void {
  if (!req.runId) throw new TypeError("runId is required");
  if (!isAbsolute(req.workspaceDir))
    throw new TypeError(`workspaceDir must be absolute: ${req.workspaceDir}`);
  if (!req.command) throw new TypeError("command is required");
  if (
    req.memoryLimitBytes !== undefined &&
    !(Number.isSafeInteger(req.memoryLimitBytes) && req.memoryLimitBytes > 0)
  )
    throw new TypeError(`memoryLimitBytes must be a positive integer: ${req.memoryLimitBytes}`);
  if (req.memoryLimitBytes !== undefined && !HAS_PROC)
    throw new TypeError("memory limits need Linux's /proc, which this system does not have");
  for (const i of req.gpuIndices ?? [])
    if (!Number.isInteger(i) || i < 0) throw new TypeError(`gpuIndices must be non-negative integers: ${i}`);
}

/**
 * The `local` executor: every run is a child process of this server, in its own process group (so a
 * signal reaches everything it started) and its own workspace directory. Linux is where memory
 * limits and crash recovery work (they read /proc); elsewhere processes still run, without them.
 */
export function createLocalExecutor(opts: LocalExecutorOptions = {}): Executor {
  const log = opts.log;
  const baseEnv = opts.baseEnv ?? inheritedEnv();
  const pollMs = opts.memoryPollMs ?? 500;
  const maxLineLength = opts.maxLineLength ?? 256 * 1024;
  const maxBufferedLines = opts.maxBufferedLines ?? 1000;
  /** Workspaces with a run of this executor that has not exited yet. */
  const live = new Set<string>();
  const bootId = readBootId();

  async function start(req: ExecutionRequest): Promise<Execution> {
    validate(req);
    const dir = resolve(req.workspaceDir);
    if (live.has(dir)) throw new Error(`a run is already executing in ${dir}`);
    live.add(dir);
    try {
      await mkdir(join(dir, RECORD_DIR), { recursive: true });
      if ((await readRecord(dir)) !== undefined)
        throw new Error(
          `${dir} holds the record of an earlier run that may still be running: call reap(workspaceDir) before start`,
        );
      return await launch(req, dir);
    } catch (error) {
      live.delete(dir);
      throw error;
    }
  }

  async function launch(req: ExecutionRequest, dir: string): Promise<Execution> {
    const token = randomBytes(16).toString("hex");
    const child = spawn(req.command, req.args, {
      cwd: dir,
      env: {
        ...baseEnv,
        ...req.env,
        INFERA_RUN_ID: req.runId,
        INFERA_EXECUTION_TOKEN: token,
        CUDA_VISIBLE_DEVICES: (req.gpuIndices ?? []).join(","),
      },
      // A new process group (and session): signals reach the whole tree, and a Ctrl-C or SIGTERM
      // meant for the server does not reach the runs, which the server stops in its own way.
      detached: true,
      // stdin stays open and unused: its end tells a runtime that its parent died.
      stdio: ["pipe", "pipe", "pipe"],
    });
    const pid = child.pid;
    if (pid === undefined) {
      const error = await new Promise<Error>((r) => child.once("error", r));
      throw new Error(`cannot start ${req.command}: ${error.message}`);
    }
    const pgid = pid;
    child.on("error", (error) =>
      log?.warn({ runId: req.runId, pid, err: error.message }, "child process error"),
    );
    child.stdin.on("error", () => {}); // EPIPE once the process has exited

    let exit: { code: number | null; signal: string | null } | undefined;
    let memoryLimitExceeded = false;
    let peakRssBytes: number | undefined;
    let lastTree: ProcStat[] = [];

    let openStreams = 2;
    let pipesPaused = false;
    let lastDataAt = Date.now();
    const queue = new OutputQueue<OutputLine>(maxBufferedLines, (paused) => {
      pipesPaused = paused;
      for (const s of [child.stdout, child.stderr]) paused ? s.pause() : s.resume();
    });
    for (const [name, stream] of [
      ["stdout", child.stdout],
      ["stderr", child.stderr],
    ] as const) {
      const splitter = new LineSplitter(maxLineLength, (line) =>
        queue.push({ stream: name, line, at: new Date() }),
      );
      stream.on("data", (chunk: Buffer) => {
        lastDataAt = Date.now();
        splitter.push(chunk);
      });
      stream.once("close", () => {
        splitter.end();
        if (--openStreams === 0) queue.end();
      });
      stream.on("error", () => {});
    }

    /** Every process of the run now (empty without /proc, where only the group is signalled). */
    const tree = async () => (HAS_PROC ? collectTree(await listProcesses(), pid, pgid) : []);
    const signalTree = async (signal: NodeJS.Signals, known?: ProcStat[]) => {
      signalGroup(pgid, signal);
      for (const p of known ?? (await tree())) if (p.pgid !== pgid) await signalIfSame(p, signal);
    };

    /**
     * After the leader exited: kills what it left in its group, started outside it, or anything
     * carrying the run's token, and waits until they are gone, so `exited` means nothing of the run
     * still writes to its workspace.
     */
    const killLeftovers = async () => {
      const procs = HAS_PROC ? await listProcesses() : new Map<number, ProcStat>();
      const rest = [...lastTree, ...collectTree(procs, pid, pgid), ...(await withToken(procs, token))];
      await signalTree("SIGKILL", rest);
      const deadline = Date.now() + LEFTOVERS_GONE_WITHIN_MS;
      while (Date.now() < deadline && (await anyAlive(rest))) await new Promise((r) => setTimeout(r, 20));
    };

    /**
     * A process that escaped the tree unseen (left the session between two samples) may still hold
     * the pipes after the run ended: once nothing has arrived for a while, and not because the reader
     * paused them, the output is closed so the reader's loop ends.
     */
    const closeStuckPipes = () => {
      const check = setInterval(() => {
        if (openStreams === 0) clearInterval(check);
        else if (!pipesPaused && Date.now() - lastDataAt > STUCK_PIPES_AFTER_MS) {
          clearInterval(check);
          log?.warn({ runId: req.runId, pid }, "output still open after the run exited: closed");
          child.stdout.destroy();
          child.stderr.destroy();
        }
      }, 500);
      check.unref();
    };

    let sampling = false;
    const sample = async () => {
      if (sampling || exit) return;
      sampling = true;
      try {
        const procs = await tree();
        const rss = (await Promise.all(procs.map((p) => readRssBytes(p.pid)))).reduce((a, b) => a + b, 0);
        if (exit) return;
        lastTree = procs;
        if (procs.length > 0) peakRssBytes = Math.max(peakRssBytes ?? 0, rss);
        if (req.memoryLimitBytes !== undefined && rss > req.memoryLimitBytes && !memoryLimitExceeded) {
          memoryLimitExceeded = true;
          log?.warn(
            { runId: req.runId, pid, rssBytes: rss, limitBytes: req.memoryLimitBytes },
            "memory limit exceeded: killing the run",
          );
          await signalTree("SIGKILL", procs);
        }
      } finally {
        sampling = false;
      }
    };
    const timer = HAS_PROC ? setInterval(() => void sample(), pollMs) : undefined;
    void sample();

    const recorded = (async () => {
      const record: ExecutionRecord = {
        runId: req.runId,
        pid,
        pgid,
        startedAt: new Date().toISOString(),
        startTime: HAS_PROC ? ((await readProcStat(pid))?.startTime ?? null) : null,
        bootId: await bootId,
        token,
      };
      await writeRecord(dir, record);
    })();

    const exited = new Promise<ExecutionExit>((resolveExit) => {
      child.once("exit", (code, signal) => {
        exit = { code, signal };
        if (timer) clearInterval(timer);
        // The run is over: whatever it started and left behind goes with it (and stops holding the pipes open).
        void killLeftovers()
          .catch(() => {})
          .then(() => recorded.catch(() => {}))
          .then(() => removeRecord(dir))
          .catch((error) =>
            log?.warn({ runId: req.runId, err: String(error) }, "execution record not removed"),
          )
          .finally(() => {
            live.delete(dir);
            child.stdin.destroy();
            closeStuckPipes();
            log?.info(
              { runId: req.runId, pid, code, signal, memoryLimitExceeded, peakRssBytes },
              "run exited",
            );
            resolveExit({
              code,
              signal,
              memoryLimitExceeded,
              ...(peakRssBytes !== undefined ? { peakRssBytes } : {}),
            });
          });
      });
    });

    try {
      await recorded;
    } catch (error) {
      // Without its record a run cannot be reaped after a crash: it must not run at all.
      await signalTree("SIGKILL");
      await exited;
      throw new Error(`cannot write the execution record in ${dir}: ${(error as Error).message}`);
    }
    log?.info({ runId: req.runId, pid, workspaceDir: dir, command: req.command }, "run started");

    let canceling: Promise<void> | undefined;
    const cancel = (graceMs: number): Promise<void> => {
      canceling ??= (async () => {
        if (exit) return;
        await signalTree("SIGTERM");
        const kill = setTimeout(() => {
          if (!exit) void signalTree("SIGKILL");
        }, graceMs);
        await exited;
        clearTimeout(kill);
      })();
      return canceling;
    };

    return { pid, output: queue, exited, cancel };
  }

  return {
    name: "local",
    start,
    async reap(workspaceDir: string) {
      const dir = resolve(workspaceDir);
      if (live.has(dir)) throw new Error(`a run of this server is executing in ${dir}: cancel it instead`);
      return reapWorkspace(dir, log);
    },
  };
}
