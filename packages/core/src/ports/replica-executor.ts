/**
 * Where replicas of process runtimes run (the replica manager's executor): each replica is a
 * process in its own process group, started detached so it outlives the worker that started it, and
 * recorded on disk (one record a replica) so a worker started after a crash finds, adopts or kills
 * it. The local adapter is in @infera/executors/local.
 */

export interface ReplicaLaunch {
  replicaId: string;
  revisionId: string;
  command: string;
  args: readonly string[];
  /** Where the replica writes `{port, pid, …}` once it answers (its `--ready-file`). */
  readyFile: string;
  /** Its stdout and stderr, appended. */
  logFile: string;
  /**
   * The node's GPUs the replica holds (placement's `gpu_indices`): they become
   * `CUDA_VISIBLE_DEVICES`, set empty when none, so a CPU replica never sees a GPU.
   */
  gpuIndices?: readonly number[];
}

export interface TrackedReplica {
  replicaId: string;
  revisionId: string;
  /** The process, also its process group. */
  pid: number;
  readyFile: string;
  logFile: string;
  startedAt: string;
  /** Whether that very process (pid and start time) still runs. */
  alive: boolean;
}

export interface ReplicaExecutor {
  /** Spawns the replica and records it on disk before answering. */
  start(launch: ReplicaLaunch): Promise<TrackedReplica>;
  /** Every replica recorded on disk, with whether it still runs. */
  list(): Promise<TrackedReplica[]>;
  /** SIGTERM to its group, SIGKILL after `graceMs`; waits until it is gone, then drops its record. */
  stop(replicaId: string, graceMs: number): Promise<void>;
  /** Drops the record of a replica that is gone. */
  forget(replicaId: string): Promise<void>;
  /**
   * Kills this executor's replica processes that no record names (a worker killed between the
   * spawn and the record) and answers their pids. Only safe while no `start` is under way.
   */
  sweepStrays(): Promise<number[]>;
}
