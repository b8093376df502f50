import type { JobKind, JobPayload } from "@infera/contracts";
import type { Logger, ServiceContext } from "@infera/core";

/** What a handler gets for one attempt of one item. */
export interface JobRun<P> {
  job: {
    id: string;
    kind: string;
    /** 1 for the first attempt; a retry or a reclaimed lease counts up. */
    attempt: number;
    maxAttempts: number;
    payload: P;
    /** The previous attempt's error, on a retry. */
    lastError: string | null;
  };
  /** The worker's system context (no principal) with this job's id as request id. */
  ctx: ServiceContext;
  /**
   * Aborted when the lease is lost (another worker took the item over: stop at once, write nothing
   * more) or the worker is stopping (stop soon; the item is given back and runs again).
   */
  signal: AbortSignal;
  log: Logger;
}

/**
 * Runs one attempt: resolves when the work is done (the item succeeds), throws to fail the attempt
 * (retried with backoff, a dead letter after the last). Handlers call core verbs only.
 */
// biome-ignore lint/suspicious/noExplicitAny: a handler of any kind's payload fits the map below.
export type JobHandler<P = any> = (run: JobRun<P>) => Promise<void>;

/** Handlers by kind: the catalog's kinds typed by their payload; other keys for test-only kinds. */
export type JobHandlers = { [K in JobKind]?: JobHandler<JobPayload<K>> } & {
  [kind: string]: JobHandler | undefined;
};
