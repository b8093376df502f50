import { isAbsolute, relative } from "node:path";
import type { ArtifactEvent, RuntimeEvent } from "@infera/contracts";
import {
  type Execution,
  type ExecutionExit,
  type Logger,
  type NewJobEvent,
  recordFineTuneRunOutput,
  type ServiceContext,
} from "@infera/core";
import { parseLine } from "@infera/runtimes/protocol";
import { checkpointUploader } from "./checkpoint-uploader.js";

export interface FollowOptions {
  ctx: ServiceContext;
  jobId: string;
  attempt: number;
  execution: Execution;
  /** The worker's abort: the lease was lost or the worker is stopping. */
  signal: AbortSignal;
  log: Logger;
  /** Grace between a cancel's SIGTERM (the runtime checkpoints) and SIGKILL. */
  cancelGraceMs: number;
  /** Reported events are written at most this often, in one transaction each time. */
  flushMs: number;
  /** With nothing to write, the job's status is still read this often: a cancel is noticed within it. */
  statusPollMs: number;
  /** Training time left under the job's budget cap: the run is stopped (it checkpoints) when it is up. */
  budgetMs?: number | null;
  /**
   * The run's workspace: reported paths inside it are stored relative to it (no server paths in the
   * API), and the checkpoints it reports there are copied to the blob store as they come.
   */
  workspaceDir?: string;
}

export interface FollowResult {
  exit: ExecutionExit;
  /** The runtime's `completed` or `failed` event, when it wrote one. */
  end: Extract<RuntimeEvent, { type: "completed" | "failed" }> | null;
  artifacts: ArtifactEvent[];
  /** The platform asked the run to stop (the job is `canceling`). */
  cancelRequested: boolean;
  /** The job's budget was spent and the run was stopped. */
  budgetExceeded: boolean;
  /**
   * Nothing more may be written for this attempt: the worker's lease ended, or the job moved on
   * without it (a newer attempt, or it finished). The run was stopped.
   */
  detached: boolean;
  /** The last lines the runtime wrote to stderr, for a failure it did not explain. */
  stderrTail: string[];
}

const STDERR_TAIL = 20;

function stderrEvent(line: string, at: Date): NewJobEvent {
  const level = /\b(error|traceback|exception|fatal)\b/i.test(line)
    ? "error"
    : /\bwarn(ing)?\b/i.test(line)
      ? "warn"
      : "info";
  return { type: "log", at, level, data: { level, message: line, source: "stderr" } };
}

function toJobEvent(e: RuntimeEvent, workspaceDir: string | undefined): NewJobEvent {
  const { type, time, ...data } = e;
  // Checkpoints and artifacts name files in the workspace: kept as `output/…`, not as this machine's path.
  if ("path" in data && typeof data.path === "string" && workspaceDir && isAbsolute(data.path)) {
    const inside = relative(workspaceDir, data.path);
    if (inside && !inside.startsWith("..") && !isAbsolute(inside)) data.path = inside;
  }
  const at = new Date(time);
  return {
    type,
    at: Number.isNaN(at.getTime()) ? new Date() : at,
    level: e.type === "log" ? e.level : null,
    data,
  };
}

/**
 * Reads a run's output to its end: stdout through the protocol parser, stderr as log lines; writes
 * them to the job's log in batches; stops the run (SIGTERM, SIGKILL after the grace) when the job is
 * being canceled, when its budget is spent, when the attempt lost the job, or when the worker aborts — in the last two cases
 * writing nothing more. Resolves once the process has exited and its output has ended.
 */
export async function followRun(opts: FollowOptions): Promise<FollowResult> {
  const { ctx, jobId, attempt, execution, log } = opts;
  const pending: NewJobEvent[] = [];
  const result: Omit<FollowResult, "exit"> = {
    end: null,
    artifacts: [],
    cancelRequested: false,
    budgetExceeded: false,
    detached: false,
    stderrTail: [],
  };
  let stopping: Promise<void> | null = null;
  const stop = (why: string) => {
    if (stopping) return;
    log.info({ jobId, attempt, why }, "stopping the run");
    stopping = execution.cancel(opts.cancelGraceMs).catch(() => {});
  };
  const detach = (why: string) => {
    result.detached = true;
    pending.length = 0;
    stop(why);
  };
  const uploads = opts.workspaceDir
    ? checkpointUploader({ ctx, jobId, attempt, workspaceDir: opts.workspaceDir, log })
    : null;
  const onAbort = () => detach(String((opts.signal.reason as Error | undefined)?.message ?? "aborted"));
  if (opts.signal.aborted) onAbort();
  else opts.signal.addEventListener("abort", onAbort, { once: true });

  // One write at a time, in order; a failed write is logged and its events kept for the next one.
  let writing: Promise<void> = Promise.resolve();
  let lastWrite = Date.now();
  const flush = () => {
    writing = writing.then(async () => {
      if (result.detached) return;
      const batch = pending.splice(0, 500);
      lastWrite = Date.now();
      try {
        const answer = await recordFineTuneRunOutput({ ctx, jobId, attempt, events: batch });
        if (!answer.current) detach(`the job is ${answer.status ?? "gone"} without this attempt`);
        else if (answer.status === "canceling" && !result.cancelRequested) {
          result.cancelRequested = true;
          stop("the job is being canceled");
        }
      } catch (err) {
        pending.unshift(...batch);
        log.warn(
          { jobId, attempt, err: (err as Error).message },
          "could not record the run's output; retrying",
        );
      }
    });
    return writing;
  };
  const timer = setInterval(() => {
    if (pending.length || Date.now() - lastWrite >= opts.statusPollMs) void flush();
  }, opts.flushMs);
  // The budget cap: SIGTERM like a cancel, so the runtime writes a checkpoint a retry resumes from.
  const budgetTimer =
    opts.budgetMs === undefined || opts.budgetMs === null
      ? undefined
      : setTimeout(() => {
          result.budgetExceeded = true;
          stop("the job's budget is spent");
        }, opts.budgetMs);

  try {
    for await (const { stream, line, at } of execution.output) {
      if (result.detached) continue; // drain: the pipes must be read to the end
      if (stream === "stderr") {
        result.stderrTail.push(line);
        if (result.stderrTail.length > STDERR_TAIL) result.stderrTail.shift();
        pending.push(stderrEvent(line, at));
        continue;
      }
      for (const e of parseLine(line, { now: () => at })) {
        if (e.type === "artifact") result.artifacts.push(e);
        if (e.type === "completed" || e.type === "failed") result.end = e;
        if (e.type === "checkpoint") uploads?.add(e);
        pending.push(toJobEvent(e, opts.workspaceDir));
      }
      if (pending.length >= 500) void flush();
    }
    const exit = await execution.exited;
    clearInterval(timer);
    clearTimeout(budgetTimer);
    // The last checkpoint (a cancel's, the final one) is stored before the run's end is written, so
    // a retry on any node resumes from it; a detached attempt finishes only the copy under way.
    await uploads?.drain({ dropPending: result.detached });
    // Everything reported goes in before the run is ended; a database that keeps refusing is given up
    // on after a few tries (the end is then written by the caller, or the next attempt takes over).
    let failures = 0;
    do {
      const before = pending.length;
      await flush();
      if (before > 0 && pending.length >= before) {
        failures++;
        await new Promise((r) => setTimeout(r, 500 * failures));
      }
    } while (pending.length && !result.detached && failures < 5);
    await writing;
    if (stopping) await stopping;
    return { ...result, exit };
  } finally {
    clearInterval(timer);
    clearTimeout(budgetTimer);
    opts.signal.removeEventListener("abort", onAbort);
  }
}
