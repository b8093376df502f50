/**
 * What runs a workload (a trainer runtime, later an evaluation or a serving replica) as processes
 * somewhere: `local` child processes (@infera/executors/local), later Kubernetes or Slurm. An
 * executor only moves bytes and signals: it does not parse the runtime protocol (the worker feeds
 * stdout lines to `ProtocolParser` from @infera/runtimes/protocol) and knows nothing of jobs, queues
 * or the database. Only an app's main.ts constructs one.
 *
 * Crash safety: an execution leaves a record in its workspace while it runs, so a server killed with
 * -9 can be followed by one that cleans up. A new attempt on a workspace must call
 * `reap(workspaceDir)` before `start`; `start` refuses a workspace whose record is still there.
 */
export interface Executor {
  /** For logs and node registration (`local`, `kubernetes`, …). */
  readonly name: string;
  /**
   * Starts the command; resolves once the process exists (rejects when it cannot be started, e.g.
   * the command is not found, or the workspace still holds an earlier execution's record).
   */
  start(req: ExecutionRequest): Promise<Execution>;
  /**
   * Kills what an earlier server left running in this workspace (its process group, identified so
   * that a recycled pid is never killed) and removes the record; resolves when those processes are
   * gone. `killed` counts the processes signalled (0 when nothing was left).
   */
  reap(workspaceDir: string): Promise<{ killed: number }>;
}

export interface ExecutionRequest {
  /** The caller's id for this run (a job attempt); given to the process as `INFERA_RUN_ID`. */
  runId: string;
  /** Absolute path; the working directory of the process, created when missing. */
  workspaceDir: string;
  command: string;
  args: string[];
  /**
   * Added to a minimal environment (PATH, HOME, locale, TMPDIR…): the server's own variables
   * (database URL, secrets) never reach a runtime.
   */
  env?: Record<string, string>;
  /** Resident memory of the whole process tree; over it the tree is killed (`memoryLimitExceeded`). */
  memoryLimitBytes?: number;
  /**
   * Becomes `CUDA_VISIBLE_DEVICES`; when absent or empty the variable is set empty, so a CPU job never
   * takes a GPU.
   */
  gpuIndices?: number[];
}

export interface OutputLine {
  stream: "stdout" | "stderr";
  /** Without its line break; an over-long line arrives in several pieces. */
  line: string;
  at: Date;
}

export interface ExecutionExit {
  /** The exit code, or null when a signal ended the process. */
  code: number | null;
  /** The signal's name (`SIGKILL`), or null. */
  signal: string | null;
  /** The executor killed the process tree because it passed `memoryLimitBytes`. */
  memoryLimitExceeded: boolean;
  /** The highest resident memory of the tree seen while it ran, when the platform tells. */
  peakRssBytes?: number;
}

export interface Execution {
  readonly pid: number;
  /**
   * stdout and stderr lines in arrival order, ending after the process has exited and both streams
   * are drained. Iterate it once, to the end (or break out): an unread backlog pauses the pipes, and
   * a runtime blocked writing its output stops making progress.
   */
  readonly output: AsyncIterable<OutputLine>;
  /** Resolves once the process has exited and its output has ended. */
  readonly exited: Promise<ExecutionExit>;
  /**
   * Asks the process tree to stop (SIGTERM: a trainer writes a checkpoint), kills it (SIGKILL) if it
   * is still alive after `graceMs`, and resolves when it has exited.
   */
  cancel(graceMs: number): Promise<void>;
}

/** A GPU of a node, as the driver reports it. */
export interface GpuInfo {
  /** The index `CUDA_VISIBLE_DEVICES` names it by. */
  index: number;
  /** Marketing name, e.g. `NVIDIA H100 80GB HBM3`. */
  name: string;
  /** Total memory, or null when the driver does not report it. */
  memoryBytes: number | null;
  uuid: string;
}

/** What a node offers to the scheduler when it registers. */
export interface NodeResources {
  hostname: string;
  cpus: number;
  memoryBytes: number;
  gpus: GpuInfo[];
}
