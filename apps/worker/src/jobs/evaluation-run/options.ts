import type { Executor, ProcessServingRuntime } from "@infera/core";

export interface EvaluationRunOptions {
  /** Starts the private replica of a model-version target (the training executor: reaped after a crash). */
  executor: Executor;
  /** The process runtime replicas of services run (llama.cpp's `infera-serve`), started with the same arguments. */
  runtime: ProcessServingRuntime;
  /** Where model files are copied by digest (shared with the replica manager's cache). */
  cacheDir: string;
  /** Each target's replica runs in `<workspaceRoot>/evaluations/<run id>-<target>`. */
  workspaceRoot: string;
  /** Requests in flight per target (also the replica's `--parallel`; default 4). */
  inFlight?: number;
  /** Samples generated between two progress writes and status reads (default 2 × inFlight). */
  batchSize?: number;
  /** The replica's threads (default 2). */
  threads?: number;
  contextSize?: number;
  /** How long a replica may take to load (default 120 s). */
  readyTimeoutMs?: number;
  /** One generation's limit (default 120 s). */
  requestTimeoutMs?: number;
}

/** Why the run stops before its end: the lease is gone, or the run is no longer this worker's to write. */
export class Detached extends Error {}
